// Live preview: `balise serve` on a copy of the bundled guide, a page open in Chromium, then
// edits of its content file. A good edit must show within 500 ms of the write; a broken edit
// must show the error in an overlay while the last good page stays served; the fix must
// remove the overlay; a template edit, rebuilt whole, must show too.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, TODAY, baliseBinary, launchBrowser } from "./lib.mjs";

async function freePort() {
  const server = createServer();
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  await new Promise((ok) => server.close(ok));
  return port;
}

async function waitForServer(url, child) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`balise serve exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch { /* not listening yet */ }
    await new Promise((ok) => setTimeout(ok, 100));
  }
  throw new Error("balise serve did not start");
}

test("serve reloads an edited page within 500 ms and shows content errors", async (t) => {
  const site = mkdtempSync(join(tmpdir(), "balise-serve-"));
  cpSync(join(ROOT, "balise.yaml"), join(site, "balise.yaml"));
  cpSync(join(ROOT, "content"), join(site, "content"), { recursive: true });
  // The French guide alone: text edits of a site in one language take the incremental path
  // (a site in several languages is rebuilt whole, README "Live preview").
  for (const entry of readdirSync(join(site, "content"), { recursive: true })) {
    if (entry.endsWith(".en.md")) rmSync(join(site, "content", entry));
  }
  const config = readFileSync(join(site, "balise.yaml"), "utf8");
  writeFileSync(join(site, "balise.yaml"), config.replace(/^languages:\n(  .*\n)+/m, "language: fr\n"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(baliseBinary(), ["serve", "--root", site, "--bind", `127.0.0.1:${port}`, "--today", TODAY], { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  child.stderr.on("data", (d) => { log += d; });
  let browser;
  // Registered first: should the browser fail to start, serve is still stopped (else node waits
  // for it forever).
  t.after(async () => {
    await browser?.close();
    child.kill();
    rmSync(site, { recursive: true, force: true });
  });
  browser = await launchBrowser();
  await waitForServer(`${base}/`, child);

  const file = join(site, "content/droits/age.md");
  const original = readFileSync(file, "utf8");
  const page = await browser.newPage();
  const listening = page.waitForResponse((r) => new URL(r.url()).pathname === "/__balise/events");
  const checked = page.waitForResponse((r) => r.url().endsWith("/__balise/errors"));
  await page.goto(`${base}/droits/age/`);
  await Promise.all([listening, checked]);
  assert.equal(await page.locator("h1").first().textContent(), "Discrimination liée à l'âge");

  // 1. Good edits: the open page shows each of them. Three edits, judged on their median, so
  // that one scheduling hiccup of a shared machine does not decide the result.
  let edited = original;
  const times = [];
  for (const round of [1, 2, 3]) {
    edited = original.replace('title: "Discrimination liée à l\'âge"', `title: "Discrimination liée à l'âge (relu ${round})"`);
    assert.notEqual(edited, original);
    const reloaded = page.waitForEvent("load");
    const written = performance.now();
    writeFileSync(file, edited);
    await reloaded;
    await page.locator("h1", { hasText: `(relu ${round})` }).first().waitFor({ timeout: 5000 });
    times.push(performance.now() - written);
    console.log(`edit ${round} visible in the browser ${times.at(-1).toFixed(0)} ms after the write; server: ${log.trim().split("\n").pop()}`);
  }
  // The server waited for this page before making the rest of each title edit: the page
  // listened again once reloaded, naming the file it shows.
  assert.match(log, /reloaded by 1 of 1 open page\(s\)/, log);
  const median = [...times].sort((a, b) => a - b)[1];
  assert.ok(median < 500, `edits took ${times.map((t) => t.toFixed(0)).join(", ")} ms to show (median limit 500 ms)`);

  // 2. A broken edit: an overlay names the error; the last good page keeps being served.
  const broken = edited.replace(/^updated: .*$/m, "updated: 23/11/2026");
  assert.notEqual(broken, edited);
  writeFileSync(file, broken);
  const overlay = page.locator("#balise-errors");
  await overlay.waitFor({ state: "visible", timeout: 5000 });
  assert.equal(await overlay.getAttribute("role"), "alert");
  const message = await overlay.textContent();
  assert.match(message, /invalid date `23\/11\/2026`/);
  assert.match(message, /content\/droits\/age\.md/);
  assert.match(await page.locator("h1").first().textContent(), /\(relu 3\)/);
  const served = await (await fetch(`${base}/droits/age/`)).text();
  assert.match(served, /\(relu 3\)/, "the last good page is still served");
  assert.match(log, /invalid date/, "the error is printed in the terminal too");
  await page.screenshot({ path: join(tmpdir(), "balise-serve-overlay.png") });

  // 3. The fix: the overlay goes away and the page is current.
  const fixed = edited.replace('(relu 3)', '(corrigé)');
  writeFileSync(file, fixed);
  await page.locator("h1", { hasText: "(corrigé)" }).first().waitFor({ timeout: 5000 });
  await overlay.waitFor({ state: "detached", timeout: 5000 });

  // 4. A template of the site's own, over the theme's: not an edit of pages, so a whole
  // rebuild; the open page still reloads and shows it.
  mkdirSync(join(site, "templates"), { recursive: true });
  const theme = readFileSync(join(ROOT, "themes/default/templates/right.html"), "utf8");
  const marked = theme.replace("{% block content %}", '{% block content %}<p id="gabarit-relu">Gabarit relu</p>');
  assert.notEqual(marked, theme);
  const before = (log.match(/Rebuilt in/g) ?? []).length;
  writeFileSync(join(site, "templates/right.html"), marked);
  await page.locator("#gabarit-relu").waitFor({ timeout: 20_000 });
  const rebuild = log.split("\n").filter((l) => l.includes("Rebuilt in")).slice(before).join("\n");
  assert.doesNotMatch(rebuild, /\(only /, `a template edit is a whole rebuild: ${rebuild}`);
});
