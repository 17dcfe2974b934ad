// <balise-search> and <balise-trouver>: the guide's search and its orientation path ("Trouver
// mes droits"), embeddable in another website with one script tag:
//
//   <script src="https://guide.example/search/embed.js" defer></script>
//   <balise-search data-site="https://guide.example/"></balise-search>
//
// data-lang: a language of the guide (`en`): its pages are searched, with its analysis.
// data-site: the guide whose static index is searched (its host must send
// `Access-Control-Allow-Origin` for /search/, see the README). data-api: a `balise search-api`
// base URL to query instead. The search code is search.js, loaded from beside this file.
// Styles are scoped in shadow DOM and themable with CSS custom properties:
// --balise-search-font, --balise-search-text, --balise-search-bg, --balise-search-accent,
// --balise-search-border, --balise-search-radius.
//
//   <balise-trouver data-site="https://guide.example/"></balise-trouver>
//
// asks the same questions as the guide's /trouver/ pages, from /trouver/parcours.json alone, and
// ends on the rights pages and contacts of the answer, with a link to the full answer page. Same
// styles, custom properties and focus rules as <balise-search>; after each answer the focus moves
// to the next question's heading and a polite live region says where the person is.
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
        if (this.dataset.lang) url.searchParams.set("lang", this.dataset.lang);
        return fetch(url, { credentials: "omit" }).then(function (r) {
          if (!r.ok) throw new Error("api " + r.status);
          return r.json();
        });
      }
      var site = this.site();
      var lang = this.dataset.lang;
      return loadSearchJs().then(function () { return window.baliseSearchFor(site, lang)(q, { limit: limit }); });
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

  var TROUVER_CSS = CSS + "\n" + [
    "h2 { font-size: 1.2em; margin: .5rem 0; }",
    "ul { list-style: none; margin: 0; padding: 0; }",
    "ul button { display: block; width: 100%; text-align: left; margin: .3rem 0; min-height: 44px; }",
    ".back { background: transparent; color: var(--balise-search-accent, #1d4f91); }",
  ].join("\n");

  class BaliseTrouver extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) return;
      var root = this.attachShadow({ mode: "open" });
      if ("adoptedStyleSheets" in root && window.CSSStyleSheet && CSSStyleSheet.prototype.replaceSync) {
        var sheet = new CSSStyleSheet();
        sheet.replaceSync(TROUVER_CSS);
        root.adoptedStyleSheets = [sheet];
      } else {
        var style = document.createElement("style");
        style.textContent = TROUVER_CSS;
        root.appendChild(style);
      }
      this._status = document.createElement("div");
      this._status.setAttribute("role", "status");
      this._status.setAttribute("aria-live", "polite");
      this._status.className = "status";
      this._body = document.createElement("div");
      root.append(this._body, this._status);
      this._answers = [];
      var site = this.site();
      this._data = fetch(new URL("trouver/parcours.json", site), { credentials: "omit" }).then(function (r) {
        if (!r.ok) throw new Error("parcours " + r.status);
        return r.json();
      });
      this.render(false);
    }

    site() {
      return new URL(this.dataset.site || new URL("../", here).href, location.href).href.replace(/\/?$/, "/");
    }

    choose(slug) { this._answers.push(slug); this.render(true); }
    back() { this._answers.pop(); this.render(true); }

    render(moveFocus) {
      var self = this, body = this._body, status = this._status, site = this.site();
      return this._data.then(function (d) {
        var a = self._answers, steps = d.territories.length ? 3 : 2;
        body.textContent = "";
        var heading = document.createElement("h2");
        heading.tabIndex = -1;
        body.appendChild(heading);
        var choices = a.length === 0 ? d.domains
          : a.length === 1 ? d.criteria[a[0] + "/"]
          : a.length === 2 && steps === 3 ? d.territories : null;
        if (choices) {
          heading.textContent = ["Où est-ce arrivé ?", "Pourquoi, à votre avis ?", "Où habitez-vous ?"][a.length];
          var list = document.createElement("ul");
          choices.concat([["ne-sais-pas", "Je ne sais pas", ""]]).forEach(function (c) {
            var li = document.createElement("li");
            var b = document.createElement("button");
            b.type = "button";
            b.textContent = c[1] + (c[2] && c[2] !== c[1] ? " (" + c[2] + ")" : "");
            b.addEventListener("click", function () { self.choose(c[0]); });
            li.appendChild(b);
            list.appendChild(li);
          });
          body.appendChild(list);
          status.textContent = "Question " + (a.length + 1) + " sur " + steps + ".";
        } else {
          var answer = d.answers[a.join("/") + "/"];
          heading.textContent = "Vos droits et qui peut vous aider";
          var verdict = document.createElement("p");
          verdict.textContent = answer.verdict;
          body.appendChild(verdict);
          [["Vos droits", answer.rights], ["Que faire maintenant ?", answer.steps], ["Qui peut vous aider ?", answer.contacts]].forEach(function (part) {
            if (!part[1].length) return;
            var h = document.createElement("h3");
            h.textContent = part[0];
            var ol = document.createElement("ul");
            part[1].forEach(function (i) {
              var p = d.pages[i];
              var li = document.createElement("li");
              var link = document.createElement("a");
              link.href = new URL(p.url.replace(/^\//, ""), site).href;
              link.textContent = p.title;
              li.appendChild(link);
              if (p.tel) {
                var tel = document.createElement("a");
                tel.href = p.tel;
                tel.textContent = p.phone;
                li.append(" – téléphone : ", tel);
              }
              ol.appendChild(li);
            });
            body.append(h, ol);
          });
          var full = document.createElement("p");
          var more = document.createElement("a");
          more.href = new URL(answer.url.replace(/^\//, ""), site).href;
          more.textContent = "Voir la réponse complète sur le guide";
          full.appendChild(more);
          body.appendChild(full);
          status.textContent = "Réponse.";
        }
        if (a.length) {
          var back = document.createElement("button");
          back.type = "button";
          back.className = "back";
          back.textContent = "Revenir à la question précédente";
          back.addEventListener("click", function () { self.back(); });
          body.appendChild(back);
        }
        if (moveFocus) heading.focus();
      }, function () {
        status.textContent = "Le parcours ne répond pas. Réessayez plus tard.";
      });
    }
  }

  if (!customElements.get("balise-trouver")) customElements.define("balise-trouver", BaliseTrouver);
})();
