import { readFileSync, writeFileSync } from "node:fs";
import { launchBrowser } from "../tests/browser/lib.mjs";
const [base, url, file, count = "6"] = process.argv.slice(2);
const notices = [];
const events = await fetch(new URL("/__balise/events", base));
(async () => { const d = new TextDecoder(); for await (const c of events.body) { const t = d.decode(c); for (const m of t.matchAll(/event: rebuilt\ndata: (.*)/g)) notices.push({ at: performance.timeOrigin + performance.now(), changed: JSON.parse(m[1]).changed }); } })().catch(() => {});
const browser = await launchBrowser();
const page = await browser.newPage();
await page.goto(new URL(url, base).href);
await new Promise((ok) => setTimeout(ok, 1000));
for (let n = 1; n <= Number(count); n++) {
  const marker = `Relu${n}x${Date.now()}`;
  const retitled = readFileSync(file, "utf8").replace(/^title: "(Relu\d+x\d+ )?/m, `title: "${marker} `);
  const reloaded = page.waitForEvent("load", { timeout: 30000 });
  const w = performance.timeOrigin + performance.now();
  writeFileSync(file, retitled);
  await reloaded;
  const loadSeen = performance.timeOrigin + performance.now();
  const nt = await page.evaluate(() => { const e = performance.getEntriesByType("navigation")[0]; const r = performance.getEntriesByType("resource").map(x => [x.name.split("/").pop(), Math.round(x.startTime), Math.round(x.responseEnd)]); return { o: performance.timeOrigin, fetchStart: e.fetchStart, reqStart: e.requestStart, respStart: e.responseStart, respEnd: e.responseEnd, domInt: e.domInteractive, dcl: e.domContentLoadedEventEnd, load: e.loadEventEnd, r }; });
  const notice = notices.find((e) => e.at > w && e.changed.some((f) => f.endsWith(".html")));
  const rel = (x) => Math.round(nt.o + x - w);
  console.log(`edit ${n}: notice ${Math.round(notice.at - w)}, navStart(origin) ${Math.round(nt.o - w)}, fetchStart ${rel(nt.fetchStart)}, reqStart ${rel(nt.reqStart)}, respStart ${rel(nt.respStart)}, respEnd ${rel(nt.respEnd)}, domInt ${rel(nt.domInt)}, dcl ${rel(nt.dcl)}, load ${rel(nt.load)}, loadSeen ${Math.round(loadSeen - w)} res ${JSON.stringify(nt.r)}`);
  await new Promise((ok) => setTimeout(ok, 2500));
}
await browser.close(); process.exit(0);
