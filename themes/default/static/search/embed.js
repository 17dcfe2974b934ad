// <balise-search> : the guide's search, embeddable in another website with one script tag:
//
//   <script src="https://guide.example/search/embed.js" defer></script>
//   <balise-search data-site="https://guide.example/"></balise-search>
//
// data-site: the guide whose static index is searched (its host must send
// `Access-Control-Allow-Origin` for /search/, see the README). data-api: a `balise search-api`
// base URL to query instead. The search code is search.js, loaded from beside this file.
// Styles are scoped in shadow DOM and themable with CSS custom properties:
// --balise-search-font, --balise-search-text, --balise-search-bg, --balise-search-accent,
// --balise-search-border, --balise-search-radius.
(function () {
  "use strict";
  if (window.customElements === undefined || customElements.get("balise-search")) return;
  var here = document.currentScript ? document.currentScript.src : location.href;
  var loading = null;

  function loadSearchJs() {
    if (window.baliseSearchFor) return Promise.resolve();
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = new URL("search.js", here).href;
        s.onload = function () { resolve(); };
        s.onerror = function () { loading = null; reject(new Error("search.js")); };
        document.head.appendChild(s);
      });
    }
    return loading;
  }

  var CSS = [
    ":host { display: block; font-family: var(--balise-search-font, inherit); color: var(--balise-search-text, inherit); }",
    "form { display: flex; flex-wrap: wrap; gap: .4rem; align-items: flex-end; }",
    "label { flex-basis: 100%; font-weight: bold; }",
    "input { flex: 1 1 12rem; font: inherit; padding: .4rem .5rem; color: inherit; background: var(--balise-search-bg, #fff); border: 2px solid var(--balise-search-border, #555); border-radius: var(--balise-search-radius, 4px); }",
    "button { font: inherit; padding: .4rem .8rem; color: var(--balise-search-bg, #fff); background: var(--balise-search-accent, #1d4f91); border: 2px solid var(--balise-search-accent, #1d4f91); border-radius: var(--balise-search-radius, 4px); cursor: pointer; }",
    "input:focus, button:focus, a:focus { outline: 3px solid var(--balise-search-accent, #1d4f91); outline-offset: 2px; }",
    ".status { margin: .5rem 0; }",
    "ol { margin: 0; padding-left: 1.5rem; }",
    "li { margin: .5rem 0; }",
    "a { color: var(--balise-search-accent, #1d4f91); font-weight: bold; }",
    "li p { margin: .2rem 0 0; }",
  ].join("\n");

  var count = 0;

  class BaliseSearch extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) return;
      var id = "q" + (++count);
      var root = this.attachShadow({ mode: "open" });
      if ("adoptedStyleSheets" in root && window.CSSStyleSheet && CSSStyleSheet.prototype.replaceSync) {
        // A constructed style sheet is not inline style: it works under a strict style-src.
        var sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS);
        root.adoptedStyleSheets = [sheet];
      } else {
        var style = document.createElement("style");
        style.textContent = CSS;
        root.appendChild(style);
      }
      var form = document.createElement("form");
      form.setAttribute("role", "search");
      var label = document.createElement("label");
      label.htmlFor = id;
      label.textContent = this.dataset.label || "Rechercher dans le guide des droits";
      var input = document.createElement("input");
      input.type = "search"; input.id = id; input.name = "q"; input.autocomplete = "off";
      var button = document.createElement("button");
      button.type = "submit"; button.textContent = "Rechercher";
      form.append(label, input, button);
      var status = document.createElement("div");
      status.className = "status";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      var results = document.createElement("ol");
      results.hidden = true;
      root.append(form, status, results);
      this._input = input; this._status = status; this._results = results;
      form.addEventListener("submit", (e) => { e.preventDefault(); this.search(input.value); });
      // Arrow keys move between the input and the result links; Escape goes back to the input.
      root.addEventListener("keydown", (e) => {
        var links = Array.from(results.querySelectorAll("a"));
        var at = links.indexOf(root.activeElement);
        if (e.key === "ArrowDown" && links.length && (root.activeElement === input || at >= 0)) {
          e.preventDefault();
          links[Math.min(at + 1, links.length - 1)].focus();
        } else if (e.key === "ArrowUp" && at >= 0) {
          e.preventDefault();
          if (at === 0) input.focus(); else links[at - 1].focus();
        } else if (e.key === "Escape" && at >= 0) {
          input.focus();
        }
      });
    }

    site() {
      return new URL(this.dataset.site || new URL("../", here).href, location.href).href.replace(/\/?$/, "/");
    }

    query(q) {
      var limit = parseInt(this.dataset.limit, 10) || 8;
      if (this.dataset.api) {
        var api = this.dataset.api.replace(/\/$/, "");
        var url = new URL(/\/api\/search$/.test(api) ? api : api + "/api/search", location.href);
        url.searchParams.set("q", q);
        url.searchParams.set("limit", String(limit));
        return fetch(url, { credentials: "omit" }).then(function (r) {
          if (!r.ok) throw new Error("api " + r.status);
          return r.json();
        });
      }
      var site = this.site();
      return loadSearchJs().then(function () { return window.baliseSearchFor(site)(q, { limit: limit }); });
    }

    search(text) {
      var q = String(text || "").trim();
      var status = this._status, results = this._results, site = this.site();
      results.textContent = "";
      results.hidden = true;
      if (!q) { status.textContent = "Tapez un ou plusieurs mots."; return Promise.resolve(); }
      status.textContent = "Recherche en cours…";
      return this.query(q).then(function (r) {
        status.textContent = r.total === 0
          ? "Aucun résultat pour « " + q + " »."
          : r.total + (r.total > 1 ? " résultats" : " résultat") + " pour « " + q + " ».";
        r.results.forEach(function (hit) {
          var li = document.createElement("li");
          var a = document.createElement("a");
          a.href = new URL(hit.url.replace(/^\//, ""), site).href;
          a.textContent = hit.title;
          li.appendChild(a);
          if (hit.summary) {
            var p = document.createElement("p");
            p.textContent = hit.summary;
            li.appendChild(p);
          }
          results.appendChild(li);
        });
        results.hidden = r.results.length === 0;
      }, function () {
        status.textContent = "La recherche ne répond pas. Réessayez plus tard.";
      });
    }
  }

  customElements.define("balise-search", BaliseSearch);
})();
