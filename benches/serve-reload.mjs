// How long an edit takes to show in the browser under `balise serve`: from the write of the
// file to the open page reloaded with the new text, in Debian's Chromium (playwright-core from
// tests/browser: run `npm ci` there first).
//
//   node benches/serve-reload.mjs BASE_URL PAGE_URL FILE [EDITS]
//
// Works against `hugo server` too (the anchor, `benches/serve-hugo.sh` with BROWSER=1): its
// pages reload through Hugo's own live-reload socket, and the notice column is left empty.
//
// With EDIT=title, puts a new word at the start of the page's title instead (a front-matter
// edit, which reaches the lists that show the page).
//
// Appends a new paragraph to FILE (the content file of PAGE_URL) EDITS times (10), waits
// PAUSE_MS (3000) between edits so that the search of the previous edit is done, and prints
// each time and the median. `benches/serve-rebuild.sh` runs it with BROWSER=1.
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { launchBrowser } from "../tests/browser/lib.mjs";

const [base, url, file, count = "10"] = process.argv.slice(2);
if (!file) {
  console.error("usage: node benches/serve-reload.mjs BASE_URL PAGE_URL FILE [EDITS]");
  process.exit(2);
}
const pause = Number(process.env.PAUSE_MS ?? 3000);

// The rebuild notices as the server sends them, timed here: the part of each edit spent
// before the browser is told (debounce and rebuild) against the part spent reloading.
const notices = [];
const stop = new AbortController();
const events = await fetch(new URL("/__balise/events", base), { signal: stop.signal });
const balise = events.ok;
(async () => {
  if (!balise) return;
  const decoder = new TextDecoder();
  for await (const chunk of events.body) {
    const text = decoder.decode(chunk);
    for (const match of text.matchAll(/event: rebuilt\ndata: (.*)/g)) {
      notices.push({ at: performance.now(), changed: JSON.parse(match[1]).changed });
    }
  }
})().catch(() => {});
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  // The page is ready for an edit once it listens: to balise's events, or to Hugo's socket.
  const listening = balise
    ? page.waitForResponse((r) => new URL(r.url()).pathname === "/__balise/events")
    : page.waitForEvent("websocket");
  await page.goto(new URL(url, base).href);
  await listening;
  const times = [];
  const told = [];
  const title = process.env.EDIT === "title";
  for (let n = 1; n <= Number(count); n++) {
    const marker = title ? `Relu${n}x${Date.now()}` : `Paragraphe ajouté pour la mesure ${n} (${Date.now()}).`;
    // Read before the clock starts; written in place, as most editors save.
    const retitled = title && readFileSync(file, "utf8").replace(/^title: "(Relu\d+x\d+ )?/m, `title: "${marker} `);
    const reloaded = page.waitForEvent("load", { timeout: 30_000 });
    const written = performance.now();
    if (title) writeFileSync(file, retitled);
    else appendFileSync(file, `\n${marker}\n`);
    await reloaded;
    await page.getByText(marker).first().waitFor({ timeout: 30_000 });
    times.push(performance.now() - written);
    const notice = notices.find((e) => e.at > written && e.changed.some((f) => f.endsWith(".html")));
    told.push(notice ? notice.at - written : NaN);
    console.log(`edit ${n}: notice sent ${ms(told.at(-1))}, page shown ${ms(times.at(-1))} after the write`);
    await new Promise((ok) => setTimeout(ok, pause));
  }
  console.log(`median of ${times.length} edits: notice sent ${ms(median(told))}, shown in the browser ${ms(median(times))} after the write`);
} finally {
  await browser.close();
  stop.abort();
}

function ms(value) {
  return Number.isNaN(value) ? "(none)" : `${value.toFixed(0)} ms`;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
}
