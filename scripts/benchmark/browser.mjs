// The browser half of `make bench`: first-load bytes, throttled cold loads and
// offline reloads of Village's home page, in Debian's headless Chromium over CDP.
//   node scripts/benchmark/browser.mjs http://127.0.0.1:<port> [http://127.0.0.1:<baseline port>]
// With a second address (the minimal Leptos page of ../shared/reference), the
// page figures are measured for both, turn about, and written as JSON to
// $BENCH_JSON for scripts/bench's side-by-side table.
// BENCH_ONLY=directory measures only the directory search; BENCH_ONLY=rest all
// but the page figures the side-by-side run already has.
import { chromium } from "@playwright/test";
import { request as httpRequest } from "node:http";
import { writeFileSync } from "node:fs";

const base = process.argv[2];
const RUNS = 5;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value) => `${Math.round(value)} ms`;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

const hydrated = () => performance.getEntriesByName("hydrated").length > 0;
const hydratedAt = () => performance.getEntriesByName("hydrated")[0].startTime;
/** The baseline writes "hydrated" in `#status`; this marks that moment the way
 *  Village marks its own (User Timing), as the change happens. */
const markStatusHydrated = () => {
  const watch = new MutationObserver(() => {
    if (document.getElementById("status")?.textContent === "hydrated") {
      performance.mark("hydrated");
      watch.disconnect();
    }
  });
  watch.observe(document, { subtree: true, childList: true, characterData: true });
};
/** What is measured: Village's This week, or the baseline's one page. */
const village = { name: "Village", url: `${base}/?area=sample-riverside`, init: null };
const baseline = process.argv[3] ? { name: "baseline", url: `${process.argv[3]}/`, init: markStatusHydrated } : null;
/** A fresh context and page for a target, with its hydration mark watched. */
async function openPage(target, extraInit) {
  const context = await browser.newContext();
  if (target.init) await context.addInitScript(target.init);
  if (extraInit) await context.addInitScript(extraInit);
  return { context, page: await context.newPage() };
}
const observeLcp = () => {
  window.__lcp = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__lcp = entry.startTime;
  }).observe({ type: "largest-contentful-paint", buffered: true });
};

/** Bytes on the wire of every request the page makes until it has hydrated. */
async function firstLoadBytes(target = village) {
  const { context, page } = await openPage(target);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  const urls = new Map();
  const sizes = new Map();
  cdp.on("Network.requestWillBeSent", (e) => urls.set(e.requestId, e.request.url));
  cdp.on("Network.loadingFinished", (e) => sizes.set(e.requestId, e.encodedDataLength));
  await page.goto(target.url);
  await page.waitForFunction(hydrated);
  await page.waitForTimeout(500); // let the manifest and icons it asked for finish
  let total = 0;
  let wasm = 0;
  for (const [id, size] of sizes) {
    const url = urls.get(id) ?? "";
    if (url.endsWith("/sw.js")) continue; // the worker is counted with its precache
    if (url.startsWith("data:")) continue;
    total += size;
    if (url.endsWith(".wasm")) wasm += size;
  }
  await context.close();
  return { total, wasm, requests: sizes.size };
}

/** Compressed size of one file, as the server sends it to a browser. */
function wireSize(path) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { headers: { "accept-encoding": "br, gzip" } }, (res) => {
      let bytes = 0;
      res.on("data", (chunk) => (bytes += chunk.length));
      res.on("end", () => resolve(bytes));
    });
    req.on("error", reject);
    req.end();
  });
}

async function precacheBytes() {
  const worker = await (await fetch(`${base}/sw.js`)).text();
  const list = JSON.parse(worker.match(/const PRECACHE = (\[[\s\S]*?\]);/)[1]);
  let total = await wireSize("/sw.js");
  for (const path of list) total += await wireSize(path);
  return { total, files: list.length + 1 };
}

/** Lighthouse's devtools-mode slow 4G with a 4x slower CPU, on a cold cache. */
async function throttledColdLoad(target = village) {
  const { context, page } = await openPage(target, observeLcp);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 562.5,
    downloadThroughput: 184320,
    uploadThroughput: 84375,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await page.goto(target.url);
  await page.waitForFunction(hydrated, null, { timeout: 60_000 });
  const result = await page.evaluate(hydratedAt);
  const lcp = await page.evaluate(() => window.__lcp);
  await context.close();
  return { lcp, hydrated: result };
}

/** After one visit: a reload with no network at all. */
async function offlineReload(target = village) {
  const { context, page } = await openPage(target, observeLcp);
  await page.goto(target.url);
  await page.waitForFunction(async () => (await navigator.serviceWorker.ready) && navigator.serviceWorker.controller !== null);
  await page.reload();
  await page.waitForFunction(hydrated);
  await context.setOffline(true);
  let responses = 0;
  let fromWorker = 0;
  page.on("response", (response) => {
    responses += 1;
    if (response.fromServiceWorker()) fromWorker += 1;
  });
  await page.reload();
  await page.waitForFunction(hydrated);
  await page.waitForTimeout(300);
  const lcp = await page.evaluate(() => window.__lcp);
  await context.close();
  return { lcp, responses, fromWorker };
}

const diaryReady = () => document.querySelector(".diary-intro, .check-in, .diary-locked") !== null;

/** The diary page: every byte until its own code (a separate WASM chunk) has
 *  loaded and it has opened the phone's storage, from the page's own
 *  resource timing (which sees the chunk the split loader fetches). */
async function diaryFirstLoad() {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/mood`);
  await page.waitForFunction(diaryReady);
  await page.waitForTimeout(500);
  const result = await page.evaluate(() => {
    const entries = [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")]
      .filter((e) => !e.name.endsWith("/sw.js"));
    return {
      total: entries.reduce((sum, e) => sum + e.transferSize, 0),
      wasm: entries.filter((e) => e.name.endsWith(".wasm")).reduce((sum, e) => sum + e.transferSize, 0),
      requests: entries.length,
    };
  });
  await context.close();
  return result;
}

/** The diary on slow 4G with a 4x slower CPU, cold: until it can be used. */
async function diaryThrottled() {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 562.5, downloadThroughput: 184320, uploadThroughput: 84375 });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await page.goto(`${base}/mood`);
  await page.waitForFunction(diaryReady, null, { timeout: 60_000, polling: 50 });
  const ready = await page.evaluate(() => performance.now());
  await context.close();
  return ready;
}

/** 5,000 made-up services, each a copy of one of the sample area's real
 *  services (as /api/v1/directory sends them, so their shape cannot drift
 *  from the app's) with its own id, name, organisation and description. */
async function syntheticDirectory(count) {
  const real = (await (await fetch(`${base}/api/v1/directory?area=sample-riverside`)).json()).services.filter((s) => !s.crisis);
  if (real.length === 0) throw new Error("the sample area's directory has no services to copy");
  const words = ["peer", "support", "feeding", "anxiety", "dads", "group", "helpline", "therapy", "birth", "sleep", "online", "local", "café", "walk", "chat"];
  const pick = (i, n) => Array.from({ length: n }, (_, k) => words[(i * 7 + k * 3) % words.length]);
  const services = Array.from({ length: count }, (_, i) => ({
    ...real[i % real.length],
    id: `bench-${i}`,
    name: `${pick(i, 2).join(" ")} service ${i}`,
    organisation: `Charity ${i % 300}`,
    description: `${pick(i + 1, 12).join(" ")}. A made-up service for the benchmark.`,
    is_sample: false,
  }));
  return { area: "sample-riverside", updated: "2026-01-01", services };
}

/** The area whose real directory the search runs over (BENCH_DIRECTORY_AREA,
 *  as `scripts/bench-national` sets it), or none: 5,000 made-up services. */
const realArea = process.env.BENCH_DIRECTORY_AREA;

/** Keystrokes in the directory's search over the services kept on the phone. */
async function directorySearch(cpuRate) {
  const context = await browser.newContext();
  if (!realArea) {
    const directory = JSON.stringify(await syntheticDirectory(5000));
    await context.route("**/api/v1/directory*", (route) => route.fulfill({ status: 200, contentType: "application/json", headers: { etag: 'W/"bench"' }, body: directory }));
  }
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await page.goto(`${base}/help?area=${realArea ?? "sample-riverside"}`);
  await page
    .waitForFunction(() => document.querySelector(".saved-offline")?.textContent?.includes("Saved for offline"), null, { timeout: 60_000 })
    .catch((error) => {
      throw new Error(`the page never saved the directory for offline use (does the directory still read as the page expects?): ${error.message}`);
    });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpuRate });
  await page.getByRole("searchbox", { name: "Search" }).click();
  await page.keyboard.type("peer support feeding", { delay: 80 });
  await page.waitForTimeout(300);
  const durations = await page.evaluate(() => performance.getEntriesByName("directory-search").map((e) => e.duration));
  if (process.env.BENCH_VERBOSE) console.log(durations.map((d) => d.toFixed(1)).join(" "));
  await context.close();
  return durations;
}

/** The same figures for Village and the baseline, measured turn about so
 *  that a noisy moment of the machine falls on both. */
async function sideBySide() {
  const targets = [village, baseline];
  const figures = { firstLoad: [], wasm: [], requests: [], lcp: [], hydrated: [], offlineLcp: [], fromWorker: [] };
  const results = targets.map(() => ({ cold: [], offline: [] }));
  for (const [i, target] of targets.entries()) {
    const first = await firstLoadBytes(target);
    figures.firstLoad[i] = first.total;
    figures.wasm[i] = first.wasm;
    figures.requests[i] = first.requests;
  }
  for (let run = 0; run < RUNS; run++) {
    for (const [i, target] of targets.entries()) results[i].cold.push(await throttledColdLoad(target));
    for (const [i, target] of targets.entries()) results[i].offline.push(await offlineReload(target));
  }
  for (const [i] of targets.entries()) {
    figures.lcp[i] = median(results[i].cold.map((r) => r.lcp));
    figures.hydrated[i] = median(results[i].cold.map((r) => r.hydrated));
    figures.offlineLcp[i] = median(results[i].offline.map((r) => r.lcp));
    const all = results[i].offline.reduce((a, r) => a + r.responses, 0);
    figures.fromWorker[i] = all ? results[i].offline.reduce((a, r) => a + r.fromWorker, 0) / all : 0;
  }
  return figures;
}

const only = process.env.BENCH_ONLY;
if (baseline) {
  const figures = await sideBySide();
  if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify(figures));
  else console.log(JSON.stringify(figures));
} else if (!only || only === "rest") {
  if (!only) {
    const first = await firstLoadBytes();
    console.log(`first load of this week (/?area=…): ${kb(first.total)} in ${first.requests} requests until hydrated (budget <= 200 KB, goal 160 KB)`);
    console.log(`  of which WASM on the wire: ${kb(first.wasm)}`);
    const cold = [];
    for (let i = 0; i < RUNS; i++) cold.push(await throttledColdLoad());
    console.log(`slow 4G + 4x CPU, cold, median of ${RUNS}: LCP ${ms(median(cold.map((r) => r.lcp)))} (budget <= 2000 ms)`);
    console.log(`slow 4G + 4x CPU, cold, median of ${RUNS}: hydrated ${ms(median(cold.map((r) => r.hydrated)))} (budget <= 3000 ms)`);
    const offline = [];
    for (let i = 0; i < RUNS; i++) offline.push(await offlineReload());
    const share = offline.reduce((a, r) => a + r.fromWorker, 0) / Math.max(1, offline.reduce((a, r) => a + r.responses, 0));
    console.log(`offline reload after one visit, median of ${RUNS}: LCP ${ms(median(offline.map((r) => r.lcp)))} (budget <= 800 ms)`);
    console.log(`offline reload: ${(share * 100).toFixed(0)}% of responses from the service worker (budget 100%)`);
  }
  const precache = await precacheBytes();
  console.log(`service worker background precache: ${kb(precache.total)} in ${precache.files} files (counted separately)`);

  const diary = await diaryFirstLoad();
  console.log(`diary (/mood) first load until usable: ${kb(diary.total)} in ${diary.requests} requests (its own WASM chunk loads only here; WASM ${kb(diary.wasm)})`);
  const diaryTimes = [];
  for (let i = 0; i < 3; i++) diaryTimes.push(await diaryThrottled());
  console.log(`diary (/mood) on slow 4G + 4x CPU, cold, median of 3: usable at ${ms(median(diaryTimes))} (the home page's interactive budget is 3000 ms)`);
}

const searched = realArea
  ? `${(await (await fetch(`${base}/api/v1/directory?area=${realArea}`)).json()).services.length} services of ${realArea}`
  : "5,000 services";
for (const rate of baseline ? [] : [1, 4]) {
  const durations = await directorySearch(rate);
  const label = rate === 1 ? "this machine" : `${rate}x slower CPU`;
  const slowest = Math.max(...durations);
  console.log(`directory search over ${searched} in the browser (${label}), ${durations.length} keystrokes: median ${median(durations).toFixed(1)} ms, max ${slowest.toFixed(1)} ms (budget <= 16 ms per keystroke)${realArea ? `: ${slowest <= 16 ? "met" : "MISSED"}` : ""}`);
}

await browser.close();
