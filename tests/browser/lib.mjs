// Shared helpers of the browser suites: build the bundled guide with the real binary, serve a
// folder on 127.0.0.1 with a real HTTP server, and start Debian's Chromium headless.
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { mkdtempSync, readFileSync, statSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, extname, resolve, normalize } from "node:path";
import { chromium } from "playwright-core";

export const ROOT = resolve(import.meta.dirname, "../..");
export const TODAY = "2026-11-23";

/** Path of the balise binary: `BALISE_BIN`, else the one `cargo test` and `cargo build` make
 * (see .ci/run), else a release build. */
export function baliseBinary() {
  if (process.env.BALISE_BIN) return resolve(process.env.BALISE_BIN);
  const target = process.env.CARGO_TARGET_DIR ? resolve(ROOT, process.env.CARGO_TARGET_DIR) : join(ROOT, "target");
  const debug = join(target, "debug/balise");
  const release = join(target, "release/balise");
  if (existsSync(debug)) return debug;
  if (existsSync(release)) return release;
  throw new Error("build balise first: cargo build");
}

/** Builds a site (the bundled guide by default) into a fresh temporary folder. */
export function buildSite({ root = ROOT, baseUrl = "http://127.0.0.1/" } = {}) {
  const out = mkdtempSync(join(tmpdir(), "balise-public-"));
  const index = mkdtempSync(join(tmpdir(), "balise-index-"));
  execFileSync(baliseBinary(), ["build", "--root", root, "--output", out + "/site", "--index", index + "/idx", "--today", TODAY, "--base-url", baseUrl], { stdio: "pipe" });
  return { publicDir: out + "/site", indexDir: index + "/idx" };
}

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".json": "application/json", ".svg": "image/svg+xml", ".xml": "application/xml",
  ".ics": "text/calendar", ".vcf": "text/vcard", ".txt": "text/plain", ".csv": "text/csv",
  ".png": "image/png", ".jpg": "image/jpeg", ".pdf": "application/pdf",
};

/** Serves `dir` on 127.0.0.1 (random port). `headers` are added to every answer. */
export async function serveStatic(dir, { headers = {} } = {}) {
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    path = normalize(path).replace(/^(\.\.[/\\])+/, "");
    let file = join(dir, path);
    try {
      if (statSync(file).isDirectory()) file = join(file, "index.html");
      const body = readFileSync(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream", ...headers });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/html; charset=utf-8", ...headers });
      res.end(existsSync(join(dir, "404.html")) ? readFileSync(join(dir, "404.html")) : "not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}`, port, close: () => new Promise((ok) => server.close(ok)) };
}

/** Debian's Chromium, headless, with no background traffic (the machine has no network). */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** Every HTML page of a built site, as URL paths (`/droits/age/`). */
export function htmlPages(publicDir) {
  const out = [];
  const walk = (rel) => {
    for (const name of readdirSync(join(publicDir, rel))) {
      const p = join(rel, name);
      if (statSync(join(publicDir, p)).isDirectory()) walk(p);
      else if (name.endsWith(".html")) out.push("/" + p.replace(/index\.html$/, ""));
    }
  };
  walk("");
  return out.sort();
}
import { readdirSync } from "node:fs";
