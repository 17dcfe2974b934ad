// Accessibility of the bundled guide, proven in a real browser on every page (issue 4):
// axe-core (WCAG 2.0–2.2 A/AA rules) in light and dark, the W3C Nu checker, the heading outline,
// a keyboard journey, 320 px reflow, pages without JavaScript, print, and no third-party request.
//
// Every page is loaded in several browser contexts (one per display mode). Pages of a context are
// visited by a small pool so the suite stays well under five minutes on two cores.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import vnuJar from "vnu-jar";
import { buildSite, serveStatic, launchBrowser, htmlPages } from "./lib.mjs";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
// Two pages at a time: one per core, the browser and node share the rest.
const POOL = 2;
// The only page that needs JavaScript to do its job.
const SEARCH_PAGE = "/recherche/";

let site, server, browser, pages;

before(async () => {
  site = buildSite();
  server = await serveStatic(site.publicDir);
  browser = await launchBrowser();
  pages = sampleOrientation(htmlPages(site.publicDir));
});

/**
 * The orientation path has hundreds of answer pages made by two templates with the same kinds
 * of values: axe runs on its first question, every second question and one page in fifteen of
 * the rest; the Nu checker below still validates every file, and `tests/it/build.rs` checks the
 * title and outline of every page.
 */
function sampleOrientation(all) {
  // In every language: `/trouver/…` and `/en/trouver/…`.
  const deep = all.filter((p) => /^(\/[a-z]{2,3})?\/trouver\/[^/]+\/[^/]+\//.test(p));
  const kept = new Set(deep.filter((_, i) => i % 15 === 0));
  const sampled = new Set(deep);
  return all.filter((p) => !sampled.has(p) || kept.has(p));
}

after(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * Opens a context with `options`, visits every path with a pool of tabs, and calls
 * `check(page, path, response)` on each. Records what no page may do: ask another origin for
 * anything, break the Content-Security-Policy, or log a JavaScript error. Returns the list of
 * problems found, one readable line each.
 */
async function everyPage(options, check, { on = server, paths = pages } = {}) {
  const context = await browser.newContext(options);
  const problems = [];
  const origin = new URL(on.url).origin;
  const queue = [...paths];
  const worker = async () => {
    const page = await context.newPage();
    let current = "";
    page.on("request", (req) => {
      const url = req.url();
      if (!url.startsWith(origin + "/") && !url.startsWith("data:")) {
        problems.push(`${current}: request to another origin: ${url}`);
      }
    });
    page.on("console", (msg) => {
      if (msg.type() === "error" && !/status of 404/.test(msg.text())) {
        problems.push(`${current}: console error: ${msg.text()}`);
      }
    });
    page.on("pageerror", (err) => problems.push(`${current}: JavaScript error: ${err.message}`));
    for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
      current = path;
      const response = await page.goto(on.url + path, { waitUntil: "load" });
      const found = await check(page, path, response);
      for (const p of found || []) problems.push(`${path}: ${p}`);
    }
    await page.close();
  };
  await Promise.all(Array.from({ length: POOL }, worker));
  await context.close();
  return problems;
}

function assertNone(problems, what) {
  assert.equal(problems.length, 0, `${what}:\n  ${problems.join("\n  ")}`);
}

/** Runs axe-core in the page, as loaded (its CSP stays on: `evaluate` is not an inline script). */
async function axeViolations(page) {
  await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
    AXE_TAGS,
  );
  return results.violations.flatMap((v) =>
    v.nodes.map((n) => `[${v.id}] ${v.help}\n      at ${n.target.join(" ")}\n      ${n.failureSummary.replace(/\n/g, "\n      ")}`),
  );
}

/** What must hold on every page whatever the display: outline, title, language, no new window. */
async function structure(page) {
  return page.evaluate(() => {
    const found = [];
    const h1 = document.querySelectorAll("h1");
    if (h1.length !== 1) found.push(`${h1.length} h1 elements, expected exactly one`);
    // RGAA 9.1: the heading outline has no skipped level and starts with the h1.
    let previous = 0;
    for (const h of document.querySelectorAll("h1, h2, h3, h4, h5, h6")) {
      const level = Number(h.tagName[1]);
      if (level > previous + 1) found.push(`heading "${h.textContent.trim()}" is h${level} after h${previous}`);
      previous = level;
    }
    // The bundled guide is French, with an English version under /en/.
    const expected = location.pathname.startsWith("/en/") ? "en" : "fr";
    if (document.documentElement.lang !== expected) found.push(`lang is "${document.documentElement.lang}", expected "${expected}"`);
    if (!document.title.trim()) found.push("empty <title>");
    // No new window (RGAA 13.2).
    for (const a of document.querySelectorAll("a[target], form[target]")) found.push(`opens a new window: ${a.outerHTML.slice(0, 80)}`);
    // Landmarks each page relies on.
    for (const sel of ["header", "nav[aria-label]", "main#contenu", "footer"]) {
      if (document.querySelectorAll(sel).length < 1) found.push(`no ${sel}`);
    }
    if (document.querySelectorAll("main").length !== 1) found.push("not exactly one <main>");
    const skip = document.querySelector("body a");
    if (!skip || skip.getAttribute("href") !== "#contenu") found.push("the first link is not the skip link to #contenu");
    const footer = document.querySelector("footer a[href$='/accessibilite/']");
    // RGAA: every page links to the statement, saying how far the site conforms (in its language).
    const statement = document.documentElement.lang === "en"
      ? /^Accessibility: (not|partially|fully) compliant$/
      : /^Accessibilité : (non|partiellement|totalement) conforme$/;
    if (!footer || !statement.test(footer.textContent.trim())) {
      found.push(`no footer link matching ${statement} to the accessibility statement`);
    }
    return found;
  });
}

test("axe-core finds no violation on any page, light scheme, desktop width", async () => {
  const titles = new Map();
  const problems = await everyPage({ colorScheme: "light", viewport: { width: 1280, height: 900 } }, async (page, path, response) => {
    const found = [];
    if (path !== "/404.html" && response.status() !== 200) found.push(`HTTP ${response.status()}`);
    found.push(...(await structure(page)));
    const title = await page.title();
    if (titles.has(title)) found.push(`same <title> as ${titles.get(title)}: "${title}"`);
    titles.set(title, path);
    found.push(...(await axeViolations(page)));
    return found;
  });
  assertNone(problems, "light scheme");
  assert.ok(titles.size === pages.length && pages.length > 50, `only ${pages.length} pages were checked`);
  assert.ok(pages.some((p) => /^\/trouver\/.+\/.+\/.+\/$/.test(p)), "no answer page of /trouver/ was checked");
  assert.ok(pages.some((p) => /^\/en\/trouver\/.+\/.+\/.+\/$/.test(p)), "no answer page of /en/trouver/ was checked");
});

test("axe-core finds no violation on any page, dark scheme, at 320 px (reflow: no horizontal scroll)", async () => {
  const problems = await everyPage({ colorScheme: "dark", viewport: { width: 320, height: 640 } }, async (page) => {
    const found = [];
    const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    if (dark !== "rgb(21, 23, 26)") found.push(`dark scheme not applied (body background ${dark})`);
    // WCAG 1.4.10 / RGAA 10.11: content fits 320 CSS px, only wide tables may scroll inside a region.
    const overflow = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const wide = [...document.querySelectorAll("body *")]
        .filter((el) => el.getBoundingClientRect().right > width + 1 && !el.closest(".table-scroll"))
        .map((el) => el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ")[0] : ""));
      return { scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5) };
    });
    if (overflow.scroll > 320) found.push(`horizontal scroll at 320 px: scrollWidth ${overflow.scroll}, too wide: ${overflow.wide.join(", ")}`);
    found.push(...(await axeViolations(page)));
    return found;
  });
  assertNone(problems, "dark scheme at 320 px");
});

/**
 * A site written to be hard on the theme, like pages the guide's editors have not written yet:
 * a very long title and menu, long words and URLs, a wide table, a figure with many values,
 * a contact with long addresses. Every page must still pass axe and fit 320 px.
 */
function stressSite() {
  const root = mkdtempSync(join(tmpdir(), "balise-stress-"));
  const long = "https://www.legifrance.gouv.fr/codes/section_lc/LEGITEXT000006070719/LEGISCTA000006165298/2024-01-01/";
  const files = {
    "balise.yaml": [
      "title: \"Guide métropolitain des droits et des recours contre toutes les discriminations de l'agglomération\"",
      "base_url: https://guide.example.org/",
      "menu:",
      ...["Vos droits en détail", "Comprendre les discriminations", "Qui peut vous aider près de chez vous ?", "Agenda des rendez-vous", "Conventions et engagements signés"]
        .map((label, i) => `  - { label: "${label}", path: "/${["droits", "droits/age", "contacts", "agenda", "droits"][i]}/" }`),
      "accessibility: { status: partiellement, rate: 61.4, audit_date: 2026-01-15, non_conformities: [\"Certaines cartes n'ont pas d'alternative.\"] }",
    ].join("\n"),
    "content/_index.md": "---\ntitle: Accueil du guide\n---\nBienvenue.\n",
    "content/droits/_index.md": "---\ntitle: Vos droits\nkind: right\n---\n",
    "content/droits/age.md": [
      "---",
      "title: \"Discrimination liée à l'âge : anticonstitutionnellement, intergénérationnellement, hexakosioihexekontahexaphobie\"",
      "summary: L'âge ne peut pas justifier un refus.",
      "criteria: [age]",
      "domains: [emploi, logement]",
      "contacts: [maison-du-droit]",
      `references: [{ title: "Code pénal, article 225-1 (liste des critères)", url: "${long}" }]`,
      "figures:",
      "  - title: Réclamations reçues pour ce critère, chaque année",
      "    unit: réclamations",
      "    data:",
      ...Array.from({ length: 12 }, (_, i) => `      - { label: "${2014 + i}", value: ${100 + i * 37} }`),
      "---",
      "## Que dit la loi ?",
      "",
      `Le texte est sur Légifrance : <${long}>.`,
      "",
      "Un mot très long : Rechtsschutzversicherungsgesellschaftenhexakosioihexekontahexaphobie.",
      "",
      "![Affiche de la campagne contre les discriminations liées à l'âge](/affiche.svg)",
      "",
      "| Démarche à faire | Délai pour agir | D'où vient la règle | Qui contacter | Coût | Remarques |",
      "| --- | --- | --- | --- | --- | --- |",
      `| Porter plainte | 6 ans | Article 8 du Code de procédure pénale | Police ou gendarmerie | Gratuit | ${long} |`,
      "| Saisir le Défenseur des droits | 5 ans | Loi organique n° 2011-333 | Délégué | Gratuit | Aucune |",
      "",
      "### Les preuves",
      "",
      "Gardez tout.",
    ].join("\n"),
    "content/contacts/_index.md": "---\ntitle: Contacts\nkind: contact\n---\n",
    "content/contacts/maison-du-droit.md": [
      "---",
      "title: Maison de la justice et du droit de l'agglomération",
      "phone: \"01 02 03 04 05\"",
      "email: accueil-juridique-et-acces-aux-droits@maison-justice-droit-agglomeration.example.org",
      "website: https://www.maison-de-la-justice-et-du-droit-de-l-agglomeration.example.org/permanences-gratuites/",
      "address: { street: 1 rue de l'Exemple, postcode: \"99999\", city: Exempleville-sur-Long-Nom }",
      "hours: [{ days: [mo, tu, we, th, fr], open: \"09:00\", close: \"12:30\" }]",
      "---",
      "Une permanence gratuite.",
    ].join("\n"),
    "content/agenda/_index.md": "---\ntitle: Agenda\nkind: event\n---\n",
    "content/agenda/journee.md": "---\ntitle: Journée contre les discriminations liées à l'âge\nstart: 2026-12-03\nlocation: { name: Salle des fêtes, address: \"1 place de la Mairie, Exempleville\" }\norganisers: [maison-du-droit]\n---\nUne journée d'échanges.\n",
    "static/affiche.svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 200" width="800" height="200"><rect width="800" height="200" fill="#1d4e89"/></svg>',
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text + "\n");
  }
  return root;
}

test("a site with long words, long URLs and a wide table passes axe and fits 320 px, light and dark", async () => {
  const stress = buildSite({ root: stressSite() });
  const on = await serveStatic(stress.publicDir);
  try {
    // Term pages use the templates the guide's pages already exercise: keep one of them.
    const paths = htmlPages(stress.publicDir).filter((p) => !/^\/(criteres|domaines|territoires)\/.+\//.test(p) || p === "/criteres/age/");
    const problems = [];
    for (const colorScheme of ["light", "dark"]) {
      problems.push(...(await everyPage({ colorScheme, viewport: { width: 320, height: 640 } }, async (page) => [
        ...(await structure(page)),
        ...(await page.evaluate(() => document.documentElement.scrollWidth > 320 ? [`horizontal scroll: ${document.documentElement.scrollWidth}px`] : [])),
        ...(await axeViolations(page)),
      ], { on, paths })));
    }
    assertNone(problems, "stress site");
    assert.ok(paths.length >= 10, `only ${paths.length} pages`);
  } finally {
    await on.close();
  }
});

test("the W3C Nu checker reports no error on any HTML file", () => {
  const run = spawnSync("java", ["-jar", vnuJar, "--format", "json", "--skip-non-html", site.publicDir], { encoding: "utf8", maxBuffer: 64 << 20 });
  assert.ok(run.stderr.trim().startsWith("{"), `the Nu checker did not run: ${run.error || run.stderr.slice(0, 500)}`);
  const { messages } = JSON.parse(run.stderr);
  const errors = messages.filter((m) => m.type === "error" || m.subType === "fatal");
  const lines = errors.map((m) => `${m.url.replace("file:" + site.publicDir, "")}:${m.lastLine}: ${m.message}`);
  assertNone(lines, "Nu checker errors");
});

test("every page but the search shows its content without JavaScript", async () => {
  const problems = await everyPage({ javaScriptEnabled: false }, async (page, path) => {
    const found = [];
    const main = await page.evaluate(() => {
      const m = document.querySelector("main");
      const h1 = m && m.querySelector("h1");
      return {
        h1: h1 && h1.checkVisibility() ? h1.textContent.trim() : "",
        text: m ? m.innerText.trim().length : 0,
        needsJs: m ? m.innerText.includes("La recherche a besoin de JavaScript") : false,
      };
    });
    if (!main.h1) found.push("no visible h1 in main");
    if (main.text < main.h1.length + 40) found.push(`main shows only ${main.text} characters`);
    // The display setting needs JavaScript: without it, it must not be shown at all.
    if (await page.locator("#reglage-affichage").isVisible()) found.push("the display setting is shown without JavaScript");
    if (path === SEARCH_PAGE && !main.needsJs) {
      found.push("the search page does not say it needs JavaScript");
    }
    return found;
  });
  assertNone(problems, "without JavaScript");
});

test("keyboard: skip link first, search usable with the keyboard alone, focus always visible", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.url + "/");

  // The first Tab reaches "Aller au contenu", and it is visible on screen.
  await page.keyboard.press("Tab");
  let focused = await page.evaluate(() => {
    const el = document.activeElement;
    const r = el.getBoundingClientRect();
    return { text: el.textContent.trim(), inView: r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth };
  });
  assert.equal(focused.text, "Aller au contenu");
  assert.ok(focused.inView, "the focused skip link is not visible");
  // Enter moves the focus to the main content, so the next Tab starts there.
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "contenu");

  // "Aller à la recherche" puts the focus in the search field.
  await page.goto(server.url + "/droits/");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), "Aller à la recherche");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "recherche-rapide");

  // Tab alone reaches the search field, typing and Enter run the search.
  await page.goto(server.url + "/");
  let tabs = 0;
  do {
    await page.keyboard.press("Tab");
    tabs += 1;
  } while (tabs < 10 && (await page.evaluate(() => document.activeElement.id)) !== "recherche-rapide");
  assert.ok(tabs < 10, "Tab does not reach the search field within 10 presses");
  await page.keyboard.type("logement");
  await Promise.all([page.waitForURL(/\/recherche\/\?q=logement$/), page.keyboard.press("Enter")]);
  assert.equal(await page.locator("h1").textContent(), "Rechercher dans le guide");

  // Every element Tab reaches on these pages shows a focus indicator.
  const noOutline = [];
  for (const path of ["/", "/droits/handicap/", "/conventions/", "/accessibilite/"]) {
    await page.goto(server.url + path);
    const count = await page.evaluate(() => document.querySelectorAll("a[href], button, input, select, textarea, [tabindex='0']").length);
    let reached = 0;
    for (let i = 0; i < count + 5; i++) {
      await page.keyboard.press("Tab");
      focused = await page.evaluate(() => {
        const el = document.activeElement;
        // Mark what was reached: meeting a marked element again means Tab went round the page.
        const again = el === document.body || el.hasAttribute("data-reached");
        el.setAttribute("data-reached", "");
        const s = getComputedStyle(el);
        const label = el.tagName.toLowerCase() + " " + (el.id || el.getAttribute("href") || el.textContent.trim().slice(0, 30));
        const visible = (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== "none";
        return { label, visible, again };
      });
      if (focused.again) break;
      reached += 1;
      if (!focused.visible) noOutline.push(`${path}: ${focused.label}`);
    }
    assert.ok(reached > 10, `${path}: Tab reached only ${reached} elements`);
  }
  assertNone(noOutline, "focused without a visible outline");
  await context.close();
});

test("display setting: the choice is kept, applied before the first paint, and follows the system by default", async () => {
  const context = await browser.newContext({ colorScheme: "light" });
  const page = await context.newPage();
  await page.goto(server.url + "/");
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme ?? "system"), "system");
  await page.getByLabel("Sombre").check();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
  // On the next page the stored choice is applied by the script in <head>, before <body> exists.
  await context.addInitScript(() => {
    new MutationObserver((_, obs) => {
      if (document.body) {
        window.__themeAtBody = document.documentElement.dataset.theme || "none";
        obs.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(server.url + "/droits/");
  assert.equal(await page.evaluate(() => window.__themeAtBody), "dark");
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), "rgb(21, 23, 26)");
  assert.ok(await page.getByLabel("Sombre").isChecked());
  // The dark palette chosen here is the one the system setting gives (style.css writes it twice).
  const palette = () => {
    const style = getComputedStyle(document.documentElement);
    return [...document.styleSheets[0].cssRules].flatMap((r) => r.style ? [...r.style] : [])
      .filter((name) => name.startsWith("--")).map((name) => `${name}: ${style.getPropertyValue(name)}`);
  };
  const chosen = await page.evaluate(palette);
  const system = await browser.newContext({ colorScheme: "dark" });
  const systemPage = await system.newPage();
  await systemPage.goto(server.url + "/droits/");
  assert.deepEqual(chosen, await systemPage.evaluate(palette));
  assert.ok(chosen.length > 10 && chosen.includes("--bg: #15171a"), chosen.join("; "));
  await system.close();
  await page.getByLabel("Comme mon appareil").check();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme ?? "system"), "system");
  await context.close();
});

test("print: navigation is hidden, the content and link addresses are printed, black on white even in dark mode", async () => {
  const context = await browser.newContext({ colorScheme: "dark" });
  const page = await context.newPage();
  for (const path of ["/droits/handicap/", "/conventions/"]) {
    await page.goto(server.url + path);
    await page.emulateMedia({ media: "print", colorScheme: "dark" });
    const printed = await page.evaluate(() => ({
      nav: [...document.querySelectorAll(".skip-links, .main-nav, .quick-search, .breadcrumbs")].some((el) => el.checkVisibility()),
      main: document.querySelector("main").checkVisibility(),
      href: [...document.querySelectorAll("main a[href^='http']")].some((a) => getComputedStyle(a, "::after").content.includes("http")),
      // Every text of the page is black (or near) on white paper.
      colours: [...new Set([...document.querySelectorAll("main *")].filter((el) => el.checkVisibility() && el.childNodes.length)
        .map((el) => getComputedStyle(el).color))].filter((c) => !["rgb(0, 0, 0)", "rgb(51, 51, 51)"].includes(c)),
      background: getComputedStyle(document.body).backgroundColor,
    }));
    assert.deepEqual(printed, { nav: false, main: true, href: path === "/droits/handicap/", colours: [], background: "rgb(255, 255, 255)" }, path);
  }
  await context.close();
});

test("reduced motion: no smooth scrolling or animation when the user asks for less motion", async () => {
  const context = await browser.newContext({ reducedMotion: "reduce" });
  const page = await context.newPage();
  await page.goto(server.url + "/droits/handicap/");
  assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior), "auto");
  await context.close();
});
