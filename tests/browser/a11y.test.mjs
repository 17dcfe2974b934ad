// Accessibility of the bundled guide, proven in a real browser on every page (issue 4):
// axe-core (WCAG 2.0–2.2 A/AA rules) in light and dark, the W3C Nu checker, the heading outline,
// a keyboard journey, 320 px reflow, pages without JavaScript, print, and no third-party request.
//
// Every page is loaded in several browser contexts (one per display mode). Pages of a context are
// visited by a small pool so the suite stays well under five minutes on two cores.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
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
  pages = htmlPages(site.publicDir);
});

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
async function everyPage(options, check, paths = pages) {
  const context = await browser.newContext(options);
  const problems = [];
  const origin = new URL(server.url).origin;
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
      const response = await page.goto(server.url + path, { waitUntil: "load" });
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
    if (document.documentElement.lang !== "fr") found.push(`lang is "${document.documentElement.lang}"`);
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
    if (!footer || !/^Accessibilité : (non|partiellement|totalement) conforme$/.test(footer.textContent.trim())) {
      found.push("no footer link 'Accessibilité : … conforme' to the accessibility statement");
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
  await page.getByLabel("Comme mon appareil").check();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme ?? "system"), "system");
  await context.close();
});

test("print: navigation is hidden, the content and link addresses are printed", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url + "/droits/handicap/");
  await page.emulateMedia({ media: "print" });
  const printed = await page.evaluate(() => ({
    nav: [...document.querySelectorAll(".skip-links, .main-nav, .quick-search, .breadcrumbs")].some((el) => el.checkVisibility()),
    main: document.querySelector("main").checkVisibility(),
    href: [...document.querySelectorAll("main a[href^='http']")].some((a) => getComputedStyle(a, "::after").content.includes("http")),
  }));
  assert.deepEqual(printed, { nav: false, main: true, href: true });
  await context.close();
});

test("reduced motion: no smooth scrolling or animation when the user asks for less motion", async () => {
  const context = await browser.newContext({ reducedMotion: "reduce" });
  const page = await context.newPage();
  await page.goto(server.url + "/droits/handicap/");
  assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior), "auto");
  await context.close();
});
