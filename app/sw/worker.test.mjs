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

// A cache holding `pages` (address → HTML), whose put fails when `full`.
function storage(pages = {}, full = false) {
  return {
    put: async (request, response) => {
      if (full) throw new Error("QuotaExceededError");
      pages[new URL(request.url).pathname] = await response.text();
    },
    match: async (request) => {
      const path = new URL(typeof request === "string" ? `http://village.test${request}` : request.url).pathname;
      return path in pages ? new Response(pages[path]) : undefined;
    },
    keys: async () => [],
  };
}
const htmlResponse = (html) => new Response(html, { status: 200, headers: { "content-type": "text/html" } });

test("a page the phone cannot keep is still shown, not the offline page", async () => {
  const html = page(NAMES.savedCopyHidden);
  world.network = async () => htmlResponse(html);
  world.storage = storage({}, true);
  const shown = await worker.networkFirstPage(new Request("http://village.test/"));
  assert.equal(shown.status, 200);
  assert.equal(await shown.text(), html);
});

test("with no signal the saved copy is shown, marked as the phone's copy", async () => {
  world.network = async () => {
    throw new TypeError("Failed to fetch");
  };
  world.storage = storage({ "/": "the saved week" });
  const shown = await worker.networkFirstPage(new Request("http://village.test/"));
  assert.equal(await shown.text(), "the saved week");
  assert.equal(shown.headers.get(NAMES.fromCopyHeader), "cache");
});

test("a page that stops halfway is not shown: the saved copy is", async () => {
  world.network = async () =>
    new Response(
      new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode("<!DOCTYPE html><html><body><main>half a w"));
          controller.error(new TypeError("network error"));
        },
      }),
      { status: 200, headers: { "content-type": "text/html" } },
    );
  world.storage = storage({ "/": "the saved week" });
  const shown = await worker.networkFirstPage(new Request("http://village.test/"));
  assert.equal(await shown.text(), "the saved week");
});

test("with no signal and nothing saved, the offline page is shown", async () => {
  world.network = async () => {
    throw new TypeError("Failed to fetch");
  };
  world.storage = storage({ "/offline": "you are offline" });
  const shown = await worker.networkFirstPage(new Request("http://village.test/groups/new"));
  assert.equal(await shown.text(), "you are offline");
});
