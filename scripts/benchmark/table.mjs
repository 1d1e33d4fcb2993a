// Prints `make bench`'s side-by-side table: Village beside the minimal Leptos
// page (../shared/reference), measured on the same run, with the goals of
// issue 22. Reads the figures scripts/bench gathered as JSON (argument 1).
// Exit status 0 either way: a benchmark reports, it does not gate.
import { readFileSync } from "node:fs";

const f = JSON.parse(readFileSync(process.argv[2], "utf8"));
const kb = (v) => `${(v / 1024).toFixed(1)} KB`;
const ms = (v) => `${Math.round(v)} ms`;
const rps = (v) => `${Math.round(v).toLocaleString("en-GB")} req/s`;
const mb = (v) => `${(v / 1024).toFixed(1)} MB`;
const pct = (v) => `${Math.round(v * 100)}%`;

// [label, key, format, goal (village, baseline) => true when met, goal text]
const rows = [
  ["first load until hydrated", "firstLoad", kb, (v) => v <= 120 * 1024, "<= 120 KB"],
  ["  of which WASM", "wasm", kb, null, ""],
  ["  requests", "requests", String, null, ""],
  ["slow 4G + 4x CPU: LCP (median of 5)", "lcp", ms, (v, b) => v <= 1200 && v < b, "<= 1200 ms and below the baseline"],
  ["slow 4G + 4x CPU: hydrated", "hydrated", ms, null, ""],
  ["offline reload: LCP (median of 5)", "offlineLcp", ms, (v, b) => v <= b, "<= the baseline"],
  ["offline reload: answered by the worker", "fromWorker", pct, (v) => v === 1, "100%"],
  ["page at 64 connections", "pageRps", rps, (v, b) => v >= b, ">= the baseline"],
  ["/healthz at 64 connections", "healthzRps", rps, (v, b) => v >= b / 2, "within 2x of the baseline"],
  ["server memory after the load", "memoryKb", mb, (v) => v <= 30 * 1024, "<= 30 MB"],
];

const width = [40, 16, 16, 6];
const pad = (s, n) => String(s).padEnd(n);
console.log(`${pad("", width[0])}${pad("Village", width[1])}${pad("baseline", width[2])}${pad("goal", width[3])}`);
let missed = 0;
for (const [label, key, format, goal, text] of rows) {
  const [v, b] = f[key] ?? [];
  if (v === undefined) continue;
  let verdict = "";
  if (goal) {
    const met = goal(v, b);
    if (!met) missed += 1;
    verdict = `${met ? "met" : "MISSED"} (${text})`;
  }
  console.log(`${pad(label, width[0])}${pad(format(v), width[1])}${pad(format(b), width[2])}${verdict}`);
}
console.log(missed === 0 ? "every goal met on this run" : `${missed} goal(s) missed on this run`);
