// The orientation path /trouver/ walked as a citizen would, with JavaScript off: from the home
// page to an answer, by plain links, for several combinations.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { buildSite, serveStatic, launchBrowser } from "./lib.mjs";

let site, server, browser;

before(async () => {
  site = buildSite();
  server = await serveStatic(site.publicDir);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Follows links by their visible text from the home page; returns the page on the answer. */
async function walk(context, choices) {
  const page = await context.newPage();
  await page.goto(server.url + "/");
  await page.getByRole("link", { name: "Trouver mes droits et de l'aide" }).click();
  for (const [i, choice] of choices.entries()) {
    await page.waitForURL(/\/trouver\//);
    const heading = await page.locator("h1").innerText();
    assert.match(await page.locator(".lead").innerText(), new RegExp(`Question ${i + 1} sur 3`), heading);
    await page.locator(".choice-list").getByRole("link", { name: choice, exact: true }).click();
  }
  await page.waitForLoadState("load");
  return page;
}

test("without JavaScript, three links lead from the home page to an answer, with rights and contacts", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const cases = [
    {
      choices: ["Pour un logement", "À cause de mon nom de famille", "Dijon"],
      url: "/trouver/logement/patronyme/dijon/",
      rights: ["/droits/patronyme/"],
      contacts: ["/contacts/amacod/", "/contacts/defenseur-des-droits/"],
      verdict: /^Oui\./,
    },
    {
      choices: ["Au travail ou en cherchant un emploi", "À cause de mon âge", "Île-de-France"],
      url: "/trouver/emploi/age/ile-de-france/",
      rights: ["/droits/age/"],
      contacts: ["/contacts/defenseur-des-droits/"],
      verdict: /^Oui\./,
    },
    {
      choices: ["Je ne sais pas", "Je ne sais pas", "Je ne sais pas"],
      url: "/trouver/ne-sais-pas/ne-sais-pas/ne-sais-pas/",
      rights: [],
      contacts: ["/contacts/defenseur-des-droits/"],
      verdict: /peut-être/,
    },
  ];
  for (const c of cases) {
    const page = await walk(context, c.choices);
    assert.equal(new URL(page.url()).pathname, c.url);
    assert.match(await page.locator(".verdict").innerText(), c.verdict);
    const links = await page.locator("main a").evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
    for (const url of [...c.rights, ...c.contacts]) assert.ok(links.includes(url), `${c.url}: no link to ${url}`);
    // The national help line, with a link that dials it.
    assert.ok(await page.locator('main a[href="tel:3928"]').count() >= 1, `${c.url}: no tel:3928 link`);
    // The national contacts come last.
    assert.equal(links.filter((u) => u.startsWith("/contacts/")).at(-1), "/contacts/defenseur-des-droits/");
    // Breadcrumbs: the one before the current page goes back one question.
    const crumbs = await page.locator("nav.breadcrumbs a").evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
    assert.equal(crumbs.at(-1), c.url);
    assert.equal(crumbs.at(-2), c.url.replace(/[^/]+\/$/, ""));
    await page.close();
  }
  await context.close();
});

test("the 404 page and the rights section lead to the path", async () => {
  const page = await browser.newPage({ javaScriptEnabled: false });
  for (const path of ["/404.html", "/droits/"]) {
    await page.goto(server.url + path);
    const links = await page.locator("main a").evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
    assert.ok(links.includes("/trouver/"), `${path} has no link to /trouver/`);
  }
  await page.close();
});
