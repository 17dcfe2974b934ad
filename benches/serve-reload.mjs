// How long an edit takes to show in the browser under `balise serve`: from the write of the
// file to the open page reloaded with the new text, in Debian's Chromium (playwright-core from
// tests/browser: run `npm ci` there first).
//
//   node benches/serve-reload.mjs BASE_URL PAGE_URL FILE [EDITS]
//
// Appends a new paragraph to FILE (the content file of PAGE_URL) EDITS times (10), waits
// PAUSE_MS (3000) between edits so that the search of the previous edit is done, and prints
// each time and the median. `benches/serve-rebuild.sh` runs it with BROWSER=1.
import { appendFileSync } from "node:fs";
import { launchBrowser } from "../tests/browser/lib.mjs";

const [base, url, file, count = "10"] = process.argv.slice(2);
if (!file) {
  console.error("usage: node benches/serve-reload.mjs BASE_URL PAGE_URL FILE [EDITS]");
  process.exit(2);
}
const pause = Number(process.env.PAUSE_MS ?? 3000);
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  const listening = page.waitForResponse((r) => r.url().endsWith("/__balise/events"));
  await page.goto(new URL(url, base).href);
  await listening;
  const times = [];
  for (let n = 1; n <= Number(count); n++) {
    const marker = `Paragraphe ajouté pour la mesure ${n} (${Date.now()}).`;
    const reloaded = page.waitForEvent("load", { timeout: 30_000 });
    const written = performance.now();
    appendFileSync(file, `\n${marker}\n`);
    await reloaded;
    await page.getByText(marker).first().waitFor({ timeout: 30_000 });
    times.push(performance.now() - written);
    console.log(`edit ${n}: shown ${times.at(-1).toFixed(0)} ms after the write`);
    await new Promise((ok) => setTimeout(ok, pause));
  }
  const sorted = [...times].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
  console.log(`median of ${times.length} edits: shown in the browser ${median.toFixed(0)} ms after the write`);
} finally {
  await browser.close();
}
