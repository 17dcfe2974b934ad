// Bytes a first search transfers, measured with the real client in headless Chromium.
//
//   node benches/first-search.mjs PUBLIC_DIR balise|pagefind QUERY...
//
// Serves PUBLIC_DIR on 127.0.0.1 like a static host with gzip on (text files compressed at
// level 6; Pagefind's own files are already compressed and are sent as they are), opens a
// fresh browser context per query (empty cache), and counts the bytes on the wire of every
// answer under /search/ (balise) or /pagefind/ (Pagefind) from the page load until the results
// are shown. Two ways of searching are measured:
// - "page": the search page a reader uses: balise's /recherche/ (50 results shown), Pagefind's
//   default UI (5 results shown, then "load more");
// - "api": the JavaScript API with the first 10 results and their titles and summaries:
//   `baliseSearch(q, {limit: 10})` and `pagefind.search(q)` + `data()` of 10 results.
// Prints one JSON line per query and way.
import { createServer } from "node:http";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join, extname, normalize } from "node:path";

const { chromium } = await import(
  new URL("../tests/browser/node_modules/playwright-core/index.mjs", import.meta.url)
);

const [dir, engine, ...queries] = process.argv.slice(2);
if (!dir || !["balise", "pagefind"].includes(engine) || queries.length === 0) {
  console.error("usage: node benches/first-search.mjs PUBLIC_DIR balise|pagefind QUERY...");
  process.exit(2);
}
const PREFIX = engine === "balise" ? "/search/" : "/pagefind/";
const TEXT = new Set([".html", ".js", ".mjs", ".css", ".json", ".svg", ".xml", ".txt"]);
const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript",
  ".css": "text/css", ".json": "application/json", ".wasm": "application/wasm",
};

let counted = { bytes: 0, requests: 0 };
const server = createServer((req, res) => {
  let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
  path = normalize(path).replace(/^(\.\.[/\\])+/, "");
  let file = join(dir, path);
  let body;
  try {
    if (statSync(file).isDirectory()) file = join(file, "index.html");
    body = readFileSync(file);
  } catch {
    res.writeHead(404);
    res.end();
    return;
  }
  const headers = { "content-type": TYPES[extname(file)] || "application/octet-stream" };
  if (TEXT.has(extname(file)) && /gzip/.test(req.headers["accept-encoding"] || "")) {
    body = gzipSync(body, { level: 6 });
    headers["content-encoding"] = "gzip";
  }
  headers["content-length"] = body.length;
  if (path.startsWith(PREFIX)) {
    counted.bytes += body.length;
    counted.requests += 1;
  }
  res.writeHead(200, headers);
  res.end(body);
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = `http://127.0.0.1:${server.address().port}`;

// Pagefind's pages are added to the built site, outside what balise wrote.
if (engine === "pagefind") {
  writeFileSync(join(dir, "pagefind-ui-bench.html"), `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Recherche</title>
<link href="/pagefind/pagefind-ui.css" rel="stylesheet"><script src="/pagefind/pagefind-ui.js"></script></head>
<body><div id="search"></div><script>window.addEventListener("DOMContentLoaded", () => { new PagefindUI({ element: "#search", showImages: false }); });</script></body></html>`);
  writeFileSync(join(dir, "pagefind-api-bench.html"), `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>API</title></head><body></body></html>`);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

async function measure(way, query) {
  const context = await browser.newContext();
  const page = await context.newPage();
  counted = { bytes: 0, requests: 0 };
  let results = 0;
  if (engine === "balise" && way === "page") {
    await page.goto(`${base}/recherche/`);
    await page.waitForFunction(() => window.baliseSearch);
    await page.fill("#search-q", query);
    await page.press("#search-q", "Enter");
    await page.waitForFunction(() => !/en cours|Tapez/.test(document.getElementById("search-status").textContent));
    await page.waitForLoadState("networkidle");
    results = await page.locator("#search-results li").count();
  } else if (engine === "balise") {
    await page.goto(`${base}/recherche/`);
    await page.waitForFunction(() => window.baliseSearch);
    results = await page.evaluate(async (q) => (await window.baliseSearch(q, { limit: 10 })).results.length, query);
  } else if (way === "page") {
    await page.goto(`${base}/pagefind-ui-bench.html`);
    await page.waitForSelector(".pagefind-ui__search-input");
    await page.fill(".pagefind-ui__search-input", query);
    await page.waitForSelector(".pagefind-ui__result-title", { timeout: 30000 });
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(500);
    results = await page.locator(".pagefind-ui__result").count();
  } else {
    await page.goto(`${base}/pagefind-api-bench.html`);
    results = await page.evaluate(async (q) => {
      const pagefind = await import("/pagefind/pagefind.js");
      const search = await pagefind.search(q);
      const data = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
      return data.length;
    }, query);
  }
  await context.close();
  return { engine, way, query, bytes: counted.bytes, requests: counted.requests, results };
}

try {
  for (const way of ["page", "api"]) {
    for (const q of queries) console.log(JSON.stringify(await measure(way, q)));
  }
} finally {
  await browser.close();
  server.close();
}
