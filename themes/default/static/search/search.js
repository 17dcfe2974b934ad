// balise static search. No framework, no WebAssembly, no Worker, no eval: it runs under
// `Content-Security-Policy: script-src 'self'`.
//
// It reads the chunked index that `balise build` writes in search/ (format in the README and
// in src/index/static_index.rs) and ranks exactly like `balise search`: the analysis of a query
// (lowercase, elisions, inclusive writing, accents, stop words), the typo rule and the synonyms
// mirror src/index/analysis.rs and src/index/query.rs; scores are precomputed by the build.
//
// window.baliseSearch(query, {kind, criteria, domains, limit, upcoming}) searches this site;
// window.baliseSearchFor(siteUrl) gives the same function for another site (the widget uses it).
// On the /recherche/ page it also drives the form, the facets and the results.
(function () {
  "use strict";

  var WORD = /[\p{Alphabetic}\p{N}]/u;

  // Mirrors analysis::fold, then languages::Analysis::normalize (the manifest's `map`: the
  // Arabic letter variants).
  function fold(text, map) {
    var folded = text.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").replace(/œ/g, "oe").replace(/æ/g, "ae");
    if (!map) return folded;
    return Array.from(folded).map(function (c) {
      return Object.prototype.hasOwnProperty.call(map, c) ? map[c] : c;
    }).join("");
  }

  // Mirrors analysis::split_words then analysis::surfaces.
  function surfaces(text, m) {
    var chars = Array.from(text.normalize("NFC").toLowerCase());
    var words = [];
    var i = 0;
    var previousEnd = -1;
    while (i < chars.length) {
      if (!WORD.test(chars[i])) { i++; continue; }
      var start = i;
      while (i < chars.length && WORD.test(chars[i])) i++;
      var fragment = chars.slice(start, i).join("");
      var glued = start > 0 && previousEnd === start - 1 && m.separators.indexOf(chars[start - 1]) >= 0;
      previousEnd = i;
      var elided = i + 1 < chars.length && m.apostrophes.indexOf(chars[i]) >= 0 && WORD.test(chars[i + 1]) && m.elisions.indexOf(fragment) >= 0;
      if (elided) continue;
      if (glued && m.suffixes.indexOf(fragment) >= 0) continue;
      var n = i - start;
      if (n < 2 || n > m.maxWordChars) continue;
      var surface = fold(fragment, m.map);
      if (surface && m.stop.indexOf(surface) < 0) words.push(surface);
    }
    return words;
  }

  // Mirrors analysis::within_one_edit.
  function withinOneEdit(a, b) {
    if (a === b) return true;
    a = Array.from(a); b = Array.from(b);
    var s = a.length <= b.length ? a : b, l = a.length <= b.length ? b : a;
    if (l.length - s.length > 1) return false;
    var p = 0;
    while (p < s.length && s[p] === l[p]) p++;
    var same = function (x, xi, y, yi) { return x.slice(xi).join("") === y.slice(yi).join(""); };
    if (s.length === l.length) {
      if (same(s, p + 1, l, p + 1)) return true;
      return p + 1 < s.length && s[p] === l[p + 1] && s[p + 1] === l[p] && same(s, p + 2, l, p + 2);
    }
    return same(s, p, l, p + 1);
  }

  function chunkOf(keys, word) {
    var best = -1;
    for (var i = 0; i < keys.length; i++) {
      if (word.startsWith(keys[i]) && (best < 0 || keys[i].length > keys[best].length)) best = i;
    }
    return best;
  }

  function undelta(list) {
    var out = new Set(), id = 0;
    for (var i = 0; list && i < list.length; i++) { id += list[i]; out.add(id); }
    return out;
  }

  function isoDay(date) {
    var p = function (n) { return String(n).padStart(2, "0"); };
    return date.getFullYear() + "-" + p(date.getMonth() + 1) + "-" + p(date.getDate());
  }

  function fetchJson(url) {
    return fetch(url, { credentials: "omit" }).then(function (r) {
      if (!r.ok) throw new Error("search index: " + url + " " + r.status);
      return r.json();
    });
  }

  // `lang`: a language code of the site (its index is named in the default manifest's
  // `languages`), or `index`: the URL of a language's search folder.
  function makeSearch(siteUrl, lang, index) {
    var base;
    if (index) base = Promise.resolve(index);
    else if (lang) {
      base = fetchJson(new URL("search/manifest.json", siteUrl).href).then(function (m) {
        var dir = m.languages && m.languages[lang];
        return new URL(dir || "search/", siteUrl).href;
      });
    } else base = Promise.resolve(new URL("search/", siteUrl).href);
    var cache = {};
    function get(path) {
      if (!cache[path]) {
        cache[path] = base.then(function (b) { return fetchJson(b + path); });
        cache[path].catch(function () { delete cache[path]; });
      }
      return cache[path];
    }

    function search(query, options) {
      options = options || {};
      return get("manifest.json").then(function (m) {
        var words = surfaces(String(query || ""), m).slice(0, m.maxWords);
        options = Object.assign({}, options, { words: words });
        var targets = [];
        for (var n = 1; n <= m.maxSynonymWords; n++) {
          for (var i = 0; i + n <= words.length; i++) {
            var t = m.synonyms[words.slice(i, i + n).join(" ")];
            if (t) targets = targets.concat(t);
          }
        }
        var needed = new Set();
        words.concat(targets).forEach(function (w) { var c = chunkOf(m.chunks, w); if (c >= 0) needed.add(c); });
        var chunks = {};
        var loads = Array.from(needed).map(function (c) {
          return get("t/" + c + ".json").then(function (chunk) { chunks[c] = chunk; });
        });
        var filtered = options.kind || options.criteria || options.domains || options.upcoming;
        if (filtered) loads.push(get("filters.json"));
        options.chunks = chunks;
        return Promise.all(loads).then(function () {
          // stem → [weight, chunk, stem number]
          var terms = new Map();
          function add(c, stem, weight) {
            var key = chunks[c].s[stem];
            var e = terms.get(key);
            if (!e) terms.set(key, [weight, c, stem]);
            else if (weight > e[0]) e[0] = weight;
          }
          words.forEach(function (w) {
            var c = chunkOf(m.chunks, w);
            if (c < 0) return;
            var chunk = chunks[c];
            if (Object.prototype.hasOwnProperty.call(chunk.w, w)) add(c, chunk.w[w], m.weights.exact);
            else if (Array.from(w).length >= m.minFuzzy) {
              Object.keys(chunk.w).forEach(function (candidate) {
                if (withinOneEdit(w, candidate)) add(c, chunk.w[candidate], m.weights.fuzzy);
              });
            }
          });
          targets.forEach(function (t) {
            var c = chunkOf(m.chunks, t);
            if (c >= 0 && Object.prototype.hasOwnProperty.call(chunks[c].w, t)) add(c, chunks[c].w[t], m.weights.synonym);
          });
          var scores = new Map();
          terms.forEach(function (e) {
            var list = chunks[e[1]].p[e[2]], id = 0;
            for (var k = 0; k < list.length; k += 2) {
              id += list[k];
              scores.set(id, (scores.get(id) || 0) + e[0] * list[k + 1] / 100);
            }
          });
          var keep = function () { return true; };
          if (filtered) {
            return get("filters.json").then(function (f) {
              var sets = [];
              if (options.kind) sets.push(undelta(f.kind[options.kind]));
              if (options.criteria) sets.push(undelta(f.criteria[options.criteria]));
              if (options.domains) sets.push(undelta(f.domains[options.domains]));
              var today = options.upcoming === true ? isoDay(new Date()) : options.upcoming;
              keep = function (id) {
                if (!sets.every(function (s) { return s.has(id); })) return false;
                if (!today) return true;
                var d = f.dates[String(id)];
                return !!d && d[1] >= today;
              };
              return finish(m, scores, keep, options);
            });
          }
          return finish(m, scores, keep, options);
        });
      });
    }

    // Same matching as `TermHints::suggest` in src/index/query.rs: longest phrase first. The
    // phrases sit in the term chunk of their first word, which the query has loaded.
    function suggest(m, words, chunks) {
      var h = m.hints, found = [];
      if (!h) return [];
      for (var start = 0; start < words.length; start++) {
        var c = chunkOf(m.chunks, words[start]);
        var phrases = c >= 0 && chunks[c] && chunks[c].h;
        if (!phrases) continue;
        for (var n = Math.min(h.max_words, words.length - start); n >= 1; n--) {
          var key = words.slice(start, start + n).join(" ");
          var t = Object.prototype.hasOwnProperty.call(phrases, key) ? phrases[key] : undefined;
          if (t !== undefined) {
            if (found.indexOf(t) < 0) found.push(t);
            break;
          }
        }
      }
      return found.slice(0, 3).map(function (t) { return { name: h.terms[t].name, url: h.terms[t].url }; });
    }

    function finish(m, scores, keep, options) {
      var ranked = [];
      scores.forEach(function (score, id) { if (keep(id)) ranked.push([id, score]); });
      ranked.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
      var limit = Math.min(Math.max(parseInt(options.limit, 10) || 10, 1), 100);
      var top = ranked.slice(0, limit);
      var docChunks = {};
      return Promise.all(Array.from(new Set(top.map(function (r) { return Math.floor(r[0] / m.docChunk); }))).map(function (n) {
        return get("d/" + n + ".json").then(function (d) { docChunks[n] = d; });
      })).then(function () {
        return {
          total: ranked.length,
          suggestions: suggest(m, options.words || [], options.chunks || {}),
          results: top.map(function (r) {
            var d = docChunks[Math.floor(r[0] / m.docChunk)][r[0] % m.docChunk];
            return { url: d[0], title: d[1], kind: d[2], summary: d[3], criteria: d[4], domains: d[5], score: Math.round(r[1] * 100) / 100 };
          }),
        };
      });
    }

    search.manifest = function () { return get("manifest.json"); };
    search.site = new URL(siteUrl).href;
    return search;
  }

  var script = document.currentScript;
  var ownSite = script ? new URL("../", script.src).href : new URL("/", location.href).href;
  window.baliseSearchFor = function (siteUrl, lang) {
    var url = new URL(siteUrl, location.href).href;
    return makeSearch(url.endsWith("/") ? url : url + "/", lang);
  };
  // On a page of another language than the default one, the script names that language's
  // search folder (`data-index`).
  var ownIndex = script && script.dataset.index ? new URL(script.dataset.index, location.href).href : null;
  window.baliseSearch = makeSearch(ownSite, null, ownIndex);
  window.baliseSearch.surfaces = surfaces;

  // The words of the search page. They are French here, the theme's reference language; the
  // search page of another language gives its own from its catalogue, in `data-word-*`
  // attributes of this script (`data-word-searching="Searching…"`).
  var WORDS = {
    typeWords: "Tapez un ou plusieurs mots pour lancer la recherche.",
    searching: "Recherche en cours…",
    broken: "La recherche ne fonctionne pas pour le moment. Vous pouvez utiliser le plan du site.",
    firstShown: " (les {shown} premiers sont affichés)",
    none: "Aucun résultat pour « {q} ». Essayez un autre mot, ou un mot plus simple.",
    one: "{n} résultat pour « {q} »{shown}.",
    many: "{n} résultats pour « {q} »{shown}.",
    maybe: "Vous cherchez peut-être : ",
    refine: "Affiner la recherche",
    kind: "Type de page",
    criteria: "Critère de discrimination",
    domains: "Domaine",
    upcoming: "Événements à venir seulement",
    all: "Tous"
  };
  if (script) {
    Object.keys(WORDS).forEach(function (k) {
      var given = script.getAttribute("data-word-" + k.replace(/[A-Z]/g, function (c) { return "-" + c.toLowerCase(); }));
      if (given) WORDS[k] = given;
    });
  }
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, k) { return k in values ? values[k] : all; });
  }

  // ---- The /recherche/ page ----
  function page() {
    var form = document.getElementById("search-form");
    var input = document.getElementById("search-q");
    var status = document.getElementById("search-status");
    var out = document.getElementById("search-results");
    if (!form || !input || !status || !out) return;
    var search = window.baliseSearch;
    var params = new URLSearchParams(location.search);
    var facets = document.getElementById("search-facets");
    var labels = {};

    function select(name, text, pairs) {
      var id = "search-" + name;
      var wrap = document.createElement("p");
      var label = document.createElement("label");
      label.htmlFor = id;
      label.textContent = text;
      var s = document.createElement("select");
      s.id = id; s.name = name;
      var all = document.createElement("option");
      all.value = ""; all.textContent = WORDS.all;
      s.appendChild(all);
      pairs.forEach(function (p) {
        var o = document.createElement("option");
        o.value = p[0]; o.textContent = p[1];
        s.appendChild(o);
      });
      s.value = params.get(name) || "";
      s.addEventListener("change", run);
      wrap.appendChild(label); wrap.appendChild(s);
      return wrap;
    }

    function run(event) {
      if (event && event.type === "submit") event.preventDefault();
      var q = input.value.trim();
      var data = new FormData(form);
      var options = { limit: 50 };
      ["kind", "criteria", "domains"].forEach(function (k) { if (data.get(k)) options[k] = data.get(k); });
      if (data.get("upcoming")) options.upcoming = true;
      var url = new URL(location.href);
      url.search = new URLSearchParams(Array.from(data.entries()).filter(function (e) { return e[1]; })).toString();
      history.replaceState(null, "", url);
      if (!q) {
        out.textContent = "";
        status.textContent = WORDS.typeWords;
        return;
      }
      status.textContent = WORDS.searching;
      search(q, options).then(function (r) { show(q, r); }, function () {
        out.textContent = "";
        status.textContent = WORDS.broken;
      });
    }

    function show(q, r) {
      out.textContent = "";
      var n = r.total;
      var shown = r.results.length < n ? fill(WORDS.firstShown, { shown: r.results.length }) : "";
      status.textContent = n === 0
        ? fill(WORDS.none, { q: q })
        : fill(n > 1 ? WORDS.many : WORDS.one, { n: n, q: q, shown: shown });
      if (r.suggestions && r.suggestions.length) {
        var hint = document.createElement("p");
        hint.className = "search-suggestions";
        hint.appendChild(document.createTextNode(WORDS.maybe));
        r.suggestions.forEach(function (t, i) {
          if (i) hint.appendChild(document.createTextNode(", "));
          var a = document.createElement("a");
          a.href = new URL(t.url.replace(/^\//, ""), search.site).href;
          a.textContent = t.name;
          hint.appendChild(a);
        });
        out.appendChild(hint);
      }
      if (!n) return;
      var list = document.createElement("ol");
      list.className = "search-results";
      r.results.forEach(function (hit) {
        var li = document.createElement("li");
        var h = document.createElement("h2");
        var a = document.createElement("a");
        a.href = new URL(hit.url.replace(/^\//, ""), search.site).href;
        a.textContent = hit.title;
        h.appendChild(a);
        li.appendChild(h);
        var kind = document.createElement("p");
        kind.className = "search-kind";
        kind.textContent = labels[hit.kind] || hit.kind;
        li.appendChild(kind);
        if (hit.summary) {
          var p = document.createElement("p");
          p.textContent = hit.summary;
          li.appendChild(p);
        }
        list.appendChild(li);
      });
      out.appendChild(list);
    }

    input.value = params.get("q") || "";
    form.addEventListener("submit", run);
    search.manifest().then(function (m) {
      m.kinds.forEach(function (k) { labels[k[0]] = k[1]; });
      if (facets) {
        var box = document.createElement("fieldset");
        var legend = document.createElement("legend");
        legend.textContent = WORDS.refine;
        box.appendChild(legend);
        box.appendChild(select("kind", WORDS.kind, m.kinds));
        box.appendChild(select("criteria", WORDS.criteria, m.criteria));
        box.appendChild(select("domains", WORDS.domains, m.domains));
        var p = document.createElement("p");
        var check = document.createElement("input");
        check.type = "checkbox"; check.id = "search-upcoming"; check.name = "upcoming"; check.value = "1";
        check.checked = params.get("upcoming") === "1";
        check.addEventListener("change", run);
        var label = document.createElement("label");
        label.htmlFor = "search-upcoming";
        label.textContent = WORDS.upcoming;
        p.appendChild(check); p.appendChild(label);
        box.appendChild(p);
        facets.appendChild(box);
      }
      if (input.value) run();
    }, function () {
      status.textContent = WORDS.broken;
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", page);
  else page();
})();
