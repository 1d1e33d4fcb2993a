// The worker's side of the contracts in names.json: node --test app/sw/
// (The pages' side is tested in Rust: `calendar::days` and `worker_names`.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import vm from "node:vm";

const NAMES = JSON.parse(readFileSync(new URL("./names.json", import.meta.url), "utf8"));
const source = readFileSync(new URL("./worker.js", import.meta.url), "utf8");
// The worker is a classic script that build-sw.mjs prefixes with its
// constants; here they are given, and its functions read back.
// `network` and `storage` stand in for fetch and the Cache API.
const world = { network: null, storage: null };
const worker = vm.runInNewContext(`${source}; ({ revealSavedCopy, networkFirstPage })`, {
  VERSION: "test",
  PRECACHE: [],
  NAMES,
  self: { addEventListener() {}, location: { origin: "http://village.test" } },
  Response,
  Headers,
  URL,
  setTimeout,
  clearTimeout,
  fetch: (request) => world.network(request),
  caches: { open: async () => world.storage },
});

const page = (note) => `<!DOCTYPE html><html><body><main>${note}This is the copy saved on Monday 7 December.</p><section class="day"></section></main></body></html>`;

test("the kept copy of a week page shows its saved-copy note", async () => {
  const kept = await worker.revealSavedCopy(new Response(page(NAMES.savedCopyHidden), { status: 200, headers: { "content-type": "text/html" } }));
  assert.equal(await kept.text(), page(NAMES.savedCopyShown));
  assert.equal(kept.headers.get("content-type"), "text/html");
});

test("a page without the note is kept as it came", async () => {
  const html = "<!DOCTYPE html><html><body><h1>Who can help</h1></body></html>";
  const kept = await worker.revealSavedCopy(new Response(html));
  assert.equal(await kept.text(), html);
});

test("the note's shown tag is its hidden tag without the hidden attribute", () => {
  assert.equal(NAMES.savedCopyHidden.replace(" hidden", ""), NAMES.savedCopyShown);
});

test("a page the phone cannot keep is still shown, not the offline page", async () => {
  const html = page(NAMES.savedCopyHidden);
  world.network = async () => new Response(html, { status: 200, headers: { "content-type": "text/html" } });
  world.storage = {
    put: async () => {
      throw new Error("QuotaExceededError");
    },
    match: async () => undefined,
    keys: async () => [],
  };
  const shown = await worker.networkFirstPage(new Request("http://village.test/"));
  assert.equal(shown.status, 200);
  assert.equal(await shown.text(), html);
});
