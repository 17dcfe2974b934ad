// Search in a real browser: the /recherche/ page under `script-src 'self'`, window.baliseSearch
// against the CLI, and the <balise-search> widget embedded in a page of a second origin.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSite, serveStatic, launchBrowser, baliseBinary } from "./lib.mjs";

let built, guide, host, browser;

before(async () => {
  built = buildSite();
  // The guide's host allows cross-origin reads of its static index (see the README).
  guide = await serveStatic(built.publicDir, {
    headers: { "Access-Control-Allow-Origin": "*", "Content-Security-Policy": "script-src 'self'" },
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await guide?.close();
  await host?.close();
});

/** A page that records CSP violations and script errors. */
async function watchedPage() {
  const page = await browser.newPage();
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(String(e)));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error("CSP violation: " + e.violatedDirective + " " + e.blockedURI);
    });
  });
  return { page, problems };
}

function cli(query, limit = 10) {
  const out = execFileSync(baliseBinary(), ["search", "--index", built.indexDir, "--json", "--limit", String(limit), query]);
  return JSON.parse(out.toString());
}

test("/recherche/ finds pages, announces the count and offers facets, under script-src 'self'", async () => {
  const { page, problems } = await watchedPage();
  await page.goto(guide.url + "/recherche/");
  await page.fill("#search-q", "enceinte licenciée");
  await page.press("#search-q", "Enter");
  const status = page.locator("#search-status");
  await status.filter({ hasText: /résultats? pour « enceinte licenciée »/ }).waitFor();
  assert.equal(await status.getAttribute("aria-live"), "polite");
  const first = page.locator("#search-results ol.search-results a").first();
  assert.match(await first.getAttribute("href"), /\/droits\/grossesse\/$/);
  // "enceinte" names a criterion in everyday words: its page is offered before the results.
  const offered = page.locator("#search-results .search-suggestions a");
  assert.match(await offered.first().getAttribute("href"), /\/criteres\/grossesse\/$/);
  // The query is in the address, so a result list can be shared and reloaded.
  assert.match(page.url(), /q=enceinte/);
  // Facets are labelled form controls.
  for (const id of ["search-kind", "search-criteria", "search-domains", "search-upcoming"]) {
    const label = await page.locator(`label[for="${id}"]`).textContent();
    assert.ok(label.trim().length > 0, id);
  }
  await page.selectOption("#search-kind", "contact");
  await status.filter({ hasText: /pour « enceinte licenciée »|Aucun résultat/ }).waitFor();
  const kinds = await page.evaluate(() => window.baliseSearch("enceinte licenciée", { kind: "contact" }).then((r) => r.results.map((h) => h.kind)));
  assert.ok(kinds.every((k) => k === "contact"));
  assert.deepEqual(problems, []);
  await page.close();
});

test("/en/recherche/ searches the English pages and speaks English", async () => {
  const { page, problems } = await watchedPage();
  await page.goto(guide.url + "/en/recherche/?q=employment");
  const status = page.locator("#search-status");
  await status.filter({ hasText: /results? for “employment”/ }).waitFor();
  const first = page.locator("#search-results ol.search-results a").first();
  assert.match(await first.getAttribute("href"), /\/en\/droits\/employment\/$/);
  // The facets name the kinds of page in English.
  assert.equal(await page.locator("#search-facets legend").textContent(), "Refine the search");
  assert.ok(await page.locator("#search-kind option", { hasText: "Rights" }).count() > 0);
  assert.deepEqual(problems, []);
});

test("a GET link to /recherche/?q= shows results on load", async () => {
  const { page, problems } = await watchedPage();
  await page.goto(guide.url + "/recherche/?q=defenseur+des+droits");
  await page.locator("#search-status").filter({ hasText: /résultats? pour/ }).waitFor();
  assert.match(await page.locator("#search-results a").first().getAttribute("href"), /\/contacts\/defenseur-des-droits\/$/);
  assert.deepEqual(problems, []);
  await page.close();
});

test("window.baliseSearch returns what `balise search --json` returns", async () => {
  const { page } = await watchedPage();
  await page.goto(guide.url + "/recherche/");
  for (const q of ["enceinte licenciée", "discrimnation", "proprio refuse noir", "salarié·e·s", "l'employeur", "harcèlement au travail", "handicap école", "defenseur des droits", "refus de location à cause de mon nom", "viré à cause de mon âge"]) {
    const fromPage = await page.evaluate((q) => window.baliseSearch(q, { limit: 10 }), q);
    const fromCli = cli(q);
    assert.equal(fromPage.total, fromCli.total, q);
    assert.deepEqual(fromPage.results.slice(0, 3).map((h) => h.url), fromCli.results.slice(0, 3).map((h) => h.url), q);
    assert.deepEqual(Object.keys(fromPage.results[0] || {}).sort(), Object.keys(fromCli.results[0] || {}).sort(), q);
  }
  const upcoming = await page.evaluate(() => window.baliseSearch("homophobie", { upcoming: "2026-11-23" }));
  assert.ok(upcoming.results.every((h) => h.kind === "event"));
  await page.close();
});

test("the widget works in a page of another origin", async () => {
  const dir = mkdtempSync(join(tmpdir(), "balise-host-"));
  writeFileSync(join(dir, "index.html"), `<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Ville</title><link rel="icon" href="data:,">
<script src="${guide.url}/search/embed.js" defer></script></head>
<body><main><h1>Site de la ville</h1>
<balise-search data-site="${guide.url}/"></balise-search>
</main></body></html>`);
  // The host allows scripts from itself and from the guide only.
  host = await serveStatic(dir, { headers: { "Content-Security-Policy": `script-src 'self' ${guide.url}` } });
  assert.notEqual(new URL(host.url).port, new URL(guide.url).port);
  const { page, problems } = await watchedPage();
  await page.goto(host.url + "/");
  const input = page.locator("balise-search input[type=search]");
  await input.waitFor();
  // The input has a label (Playwright pierces the shadow root).
  assert.ok((await page.getByLabel("Rechercher dans le guide des droits").count()) === 1);
  await input.fill("proprio refuse noir");
  await input.press("Enter");
  const status = page.locator("balise-search [role=status]");
  await status.filter({ hasText: /résultats? pour « proprio refuse noir »/ }).waitFor();
  const links = page.locator("balise-search li a");
  assert.ok((await links.count()) > 0);
  assert.ok((await links.first().getAttribute("href")).startsWith(guide.url + "/droits/"));
  // Keyboard: arrow down from the input reaches the first result.
  await input.focus();
  await page.keyboard.press("ArrowDown");
  const focused = await page.evaluate(() => document.querySelector("balise-search").shadowRoot.activeElement?.tagName);
  assert.equal(focused, "A");
  assert.deepEqual(problems, []);
  await page.close();
});

test("the <balise-trouver> widget walks the path in a page of another origin, by keyboard", async () => {
  const dir = mkdtempSync(join(tmpdir(), "balise-host-"));
  writeFileSync(join(dir, "index.html"), `<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Ville</title><link rel="icon" href="data:,">
<script src="${guide.url}/search/embed.js" defer></script></head>
<body><main><h1>Site de la ville</h1>
<balise-trouver data-site="${guide.url}/"></balise-trouver>
</main></body></html>`);
  // Strict policy: scripts from the page and the guide only, no inline style, data from the guide.
  const other = await serveStatic(dir, {
    headers: { "Content-Security-Policy": `default-src 'self'; img-src data:; script-src 'self' ${guide.url}; connect-src ${guide.url}; style-src 'self'` },
  });
  try {
    const { page, problems } = await watchedPage();
    await page.goto(other.url + "/");
    const heading = page.locator("balise-trouver h2");
    await heading.filter({ hasText: "Où est-ce arrivé ?" }).waitFor();
    // Keyboard only: Tab to a choice, Enter; the focus moves to the next question's heading.
    for (const [question, choice] of [
      ["Pourquoi, à votre avis ?", /^Pour un logement/],
      ["Où habitez-vous ?", /^À cause de mon nom de famille/],
      ["Vos droits et qui peut vous aider", /^Dijon$/],
    ]) {
      await page.locator("balise-trouver button").filter({ hasText: choice }).focus();
      await page.keyboard.press("Enter");
      await heading.filter({ hasText: question }).waitFor();
      const focused = await page.evaluate(() => document.querySelector("balise-trouver").shadowRoot.activeElement?.tagName);
      assert.equal(focused, "H2", `focus after choosing ${choice}`);
    }
    const links = await page.locator("balise-trouver a").evaluateAll((as) => as.map((a) => a.href));
    assert.ok(links.includes(guide.url + "/droits/patronyme/"), links.join(" "));
    assert.ok(links.includes(guide.url + "/contacts/defenseur-des-droits/"), links.join(" "));
    assert.ok(links.includes("tel:3928"));
    assert.ok(links.includes(guide.url + "/trouver/logement/patronyme/dijon/"));
    // Going back one question.
    await page.locator("balise-trouver button.back").click();
    await heading.filter({ hasText: "Où habitez-vous ?" }).waitFor();
    assert.deepEqual(problems, []);
    await page.close();
  } finally {
    await other.close();
  }
});
