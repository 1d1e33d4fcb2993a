// The browser half of `make bench`: first-load bytes, throttled cold loads and
// offline reloads of Village's home page, in Debian's headless Chromium over CDP.
//   node end2end/bench.mjs http://127.0.0.1:<port>
import { chromium } from "@playwright/test";
import { request as httpRequest } from "node:http";

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
const observeLcp = () => {
  window.__lcp = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__lcp = entry.startTime;
  }).observe({ type: "largest-contentful-paint", buffered: true });
};

/** Bytes on the wire of every request the page makes until it has hydrated. */
async function firstLoadBytes() {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  const urls = new Map();
  const sizes = new Map();
  cdp.on("Network.requestWillBeSent", (e) => urls.set(e.requestId, e.request.url));
  cdp.on("Network.loadingFinished", (e) => sizes.set(e.requestId, e.encodedDataLength));
  await page.goto(`${base}/?area=sample-riverside`);
  await page.waitForFunction(hydrated);
  await page.waitForTimeout(500); // let the manifest and icons it asked for finish
  let total = 0;
  let wasm = 0;
  for (const [id, size] of sizes) {
    const url = urls.get(id) ?? "";
    if (url.endsWith("/sw.js")) continue; // the worker is counted with its precache
    total += size;
    if (url.endsWith(".wasm")) wasm = size;
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
async function throttledColdLoad() {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(observeLcp);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 562.5,
    downloadThroughput: 184320,
    uploadThroughput: 84375,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await page.goto(`${base}/?area=sample-riverside`);
  await page.waitForFunction(hydrated, null, { timeout: 60_000 });
  const result = await page.evaluate(() => ({
    lcp: window.__lcp,
    hydrated: performance.getEntriesByName("hydrated")[0].startTime,
  }));
  await context.close();
  return result;
}

/** After one visit: a reload with no network at all. */
async function offlineReload() {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(observeLcp);
  await page.goto(`${base}/?area=sample-riverside`);
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
 *  loaded and it has opened the phone's storage. */
async function diaryFirstLoad() {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  const urls = new Map();
  const sizes = new Map();
  cdp.on("Network.requestWillBeSent", (e) => urls.set(e.requestId, e.request.url));
  cdp.on("Network.loadingFinished", (e) => sizes.set(e.requestId, e.encodedDataLength));
  await page.goto(`${base}/mood`);
  await page.waitForFunction(diaryReady);
  await page.waitForTimeout(500);
  let total = 0;
  let wasm = 0;
  for (const [id, size] of sizes) {
    const url = urls.get(id) ?? "";
    if (url.endsWith("/sw.js")) continue;
    total += size;
    if (url.endsWith(".wasm")) wasm += size;
  }
  await context.close();
  return { total, wasm, requests: sizes.size };
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

const first = await firstLoadBytes();
console.log(`first load of this week (/?area=…): ${kb(first.total)} in ${first.requests} requests until hydrated (budget <= 200 KB, goal 160 KB)`);
console.log(`  of which WASM on the wire: ${kb(first.wasm)}`);
const precache = await precacheBytes();
console.log(`service worker background precache: ${kb(precache.total)} in ${precache.files} files (counted separately)`);

const cold = [];
for (let i = 0; i < RUNS; i++) cold.push(await throttledColdLoad());
console.log(`slow 4G + 4x CPU, cold, median of ${RUNS}: LCP ${ms(median(cold.map((r) => r.lcp)))} (budget <= 2000 ms)`);
console.log(`slow 4G + 4x CPU, cold, median of ${RUNS}: hydrated ${ms(median(cold.map((r) => r.hydrated)))} (budget <= 3000 ms)`);

const offline = [];
for (let i = 0; i < RUNS; i++) offline.push(await offlineReload());
const share = offline.reduce((a, r) => a + r.fromWorker, 0) / Math.max(1, offline.reduce((a, r) => a + r.responses, 0));
console.log(`offline reload after one visit, median of ${RUNS}: LCP ${ms(median(offline.map((r) => r.lcp)))} (budget <= 800 ms)`);
console.log(`offline reload: ${(share * 100).toFixed(0)}% of responses from the service worker (budget 100%)`);

const diary = await diaryFirstLoad();
console.log(`diary (/mood) first load until usable: ${kb(diary.total)} in ${diary.requests} requests (its own WASM chunk loads only here; WASM ${kb(diary.wasm)})`);
const diaryTimes = [];
for (let i = 0; i < 3; i++) diaryTimes.push(await diaryThrottled());
console.log(`diary (/mood) on slow 4G + 4x CPU, cold, median of 3: usable at ${ms(median(diaryTimes))} (the home page's interactive budget is 3000 ms)`);

await browser.close();
