// Display setting (light / dark / system). Loaded in <head> without defer so the stored choice
// is applied before the first paint; without JavaScript the CSS follows prefers-color-scheme.
(function () {
  "use strict";
  var KEY = "balise-affichage";
  var root = document.documentElement;
  function stored() {
    try { return localStorage.getItem(KEY) || "system"; } catch (e) { return "system"; }
  }
  function apply(choice) {
    if (choice === "light" || choice === "dark") { root.setAttribute("data-theme", choice); }
    else { root.removeAttribute("data-theme"); }
  }
  apply(stored());
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("reglage-affichage");
    if (!box) { return; }
    var current = stored();
    var radios = box.querySelectorAll("input[name=affichage]");
    Array.prototype.forEach.call(radios, function (radio) {
      radio.checked = radio.value === current;
      radio.addEventListener("change", function () {
        try { localStorage.setItem(KEY, radio.value); } catch (e) { /* private mode: apply only */ }
        apply(radio.value);
      });
    });
    box.hidden = false;
  });
})();
