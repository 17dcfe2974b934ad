// Live reload for `balise serve` only: never part of a built site.
// Listens to rebuild notices; reloads the page when it or a shared asset changed; shows the
// content errors of a failed rebuild in a banner (the last good page stays on screen).
(function () {
  "use strict";
  var BANNER_ID = "balise-errors";
  var LOADED = /\.(css|js|mjs|svg|png|jpe?g|gif|webp|avif|ico|woff2?)$/i;
  var here = location.pathname.replace(/^\//, "");
  if (here === "" || here.slice(-1) === "/") here += "index.html";

  function addStyles() {
    if (document.getElementById("balise-errors-css")) return;
    var link = document.createElement("link");
    link.id = "balise-errors-css";
    link.rel = "stylesheet";
    link.href = "/__balise/reload.css";
    document.head.appendChild(link);
  }

  function showErrors(text) {
    addStyles();
    var banner = document.getElementById(BANNER_ID);
    if (!banner) {
      banner = document.createElement("section");
      banner.id = BANNER_ID;
      banner.setAttribute("role", "alert");
      banner.setAttribute("aria-labelledby", BANNER_ID + "-title");
      var title = document.createElement("h2");
      title.id = BANNER_ID + "-title";
      title.textContent = "Erreur dans le contenu : la page affichée est la dernière version correcte";
      var pre = document.createElement("pre");
      pre.id = BANNER_ID + "-text";
      pre.tabIndex = 0;
      var close = document.createElement("button");
      close.type = "button";
      close.textContent = "Masquer";
      close.addEventListener("click", function () { banner.hidden = true; });
      banner.appendChild(title);
      banner.appendChild(pre);
      banner.appendChild(close);
      document.body.insertBefore(banner, document.body.firstChild);
    }
    banner.hidden = false;
    document.getElementById(BANNER_ID + "-text").textContent = text;
  }

  function hideErrors() {
    var banner = document.getElementById(BANNER_ID);
    if (banner) banner.remove();
  }

  function checkErrors() {
    return fetch("/__balise/errors", { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (state) {
        if (state.errors) showErrors(state.errors); else hideErrors();
        return state;
      })
      .catch(function () { /* the server is restarting: the event source retries */ });
  }

  var opened = false;
  // Says which file the page shows: after a front-matter edit, the server waits for the
  // pages that reload the edited page (they listen again) before it makes the lists that
  // show it, which would share the cores with the browser.
  var source = new EventSource("/__balise/events?page=" + encodeURIComponent(here));
  source.addEventListener("open", function () {
    // After a lost connection (server restarted), the page may be out of date.
    if (opened) location.reload();
    opened = true;
  });
  source.addEventListener("failed", checkErrors);
  source.addEventListener("rebuilt", function (event) {
    var notice = JSON.parse(event.data);
    // The page itself, or a file pages load as they open. Other files (feeds, calendars,
    // contact cards, open data, the search's data files) are read by other programs or by a
    // query: a front-matter edit changes some of them after its page was already served, and
    // the page need not reload twice.
    var mine = notice.changed.some(function (file) {
      return file === "*" || file === here || LOADED.test(file);
    });
    if (mine) location.reload();
    // Not "hide the errors": the search files of the last good build may be served after a
    // failed rebuild, whose errors still stand. The server knows.
    else checkErrors();
  });
  window.addEventListener("pagehide", function () { source.close(); });
  checkErrors();
})();
