// `make proof`'s browser scenario: the diary keeps every check-in it said
// it saved, even when the browser is killed. KILLS times: open Chromium on
// one persistent profile, check that every entry confirmed so far is there,
// save a check-in with a note of its own, and SIGKILL the browser's process
// at a random moment of the save (a few milliseconds either side of "Saved
// on this phone."). A save counts as confirmed only if the words were on
// screen before the kill. Prints one line:
//   browser: <kills> kills, <n> confirmed saves, <n> lost (<n> unconfirmed saves kept, <n> not)
// and exits 1 if a confirmed entry is missing.
//
// Usage: node scripts/proof-scenarios/browser.mjs <base url> [kills]
// Chromium is Debian's (CHROMIUM_PATH, default /usr/bin/chromium).

import { chromium } from "@playwright/test";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [base, killsArg] = process.argv.slice(2);
const kills = Number(killsArg ?? 100);
if (!base) {
  console.error("usage: node scripts/proof-scenarios/browser.mjs <base url> [kills]");
  process.exit(2);
}
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const profile = mkdtempSync(join(tmpdir(), "village-proof-profile-"));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const MOODS = ["Very good", "Good", "Okay", "Low"];

/** The browser's own process (not its renderers and helpers) for this profile. */
function browserPid() {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let args;
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
    } catch {
      continue;
    }
    if (args.some((a) => a === `--user-data-dir=${profile}`) && !args.some((a) => a.startsWith("--type="))) {
      return Number(entry);
    }
  }
  return null;
}

/** Every record the diary keeps in IndexedDB, as stored text. */
function storedRecords(page) {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("village-diary");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains("entries")) {
            db.close();
            resolve([]);
            return;
          }
          const all = db.transaction("entries", "readonly").objectStore("entries").getAll();
          all.onsuccess = () => {
            resolve(all.result.map((r) => (typeof r === "string" ? r : JSON.stringify(r))));
            db.close();
          };
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

/** Opens the diary, past the note on where it lives if it is shown. */
async function openDiary(page) {
  await page.goto(`${base}/mood`);
  await page.locator(".diary").waitFor();
  await page.getByText("Opening your diary…").waitFor({ state: "detached", timeout: 20_000 }).catch(() => {});
  const start = page.getByRole("button", { name: "I understand, start my diary" });
  const form = page.getByRole("group", { name: "Your mood" });
  await start.or(form).first().waitFor({ timeout: 20_000 });
  if (await start.isVisible()) await start.click();
  await form.waitFor();
}

const confirmed = [];
let unconfirmedKept = 0;
let unconfirmedGone = 0;
let pendingUnconfirmed = null;
let lost = [];

async function checkAll(page) {
  const records = (await storedRecords(page)).join("\n");
  lost = confirmed.filter((note) => !records.includes(note));
  if (pendingUnconfirmed) {
    if (records.includes(pendingUnconfirmed)) unconfirmedKept += 1;
    else unconfirmedGone += 1;
    pendingUnconfirmed = null;
  }
}

async function main() {
  for (let round = 0; round <= kills; round += 1) {
    const context = await chromium.launchPersistentContext(profile, { executablePath, headless: true });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await openDiary(page);
      await checkAll(page);
      if (lost.length > 0 || round === kills) break;

      const note = `proof entry ${round} ${Math.random().toString(36).slice(2, 10)}`;
      await page.getByRole("group", { name: "Your mood" }).getByRole("radio", { name: MOODS[round % MOODS.length], exact: true }).check();
      await page.getByLabel("A note, just for you (optional)").fill(note);
      // The page tells this script the moment "Saved on this phone." is on
      // screen; a message still on its way at the kill counts as unseen.
      let shown = false;
      page.on("console", (message) => {
        if (message.text() === `village-saved ${note}`) shown = true;
      });
      await page.evaluate((note) => {
        const status = document.querySelector(".diary-status");
        new MutationObserver(() => {
          if (status.textContent.includes("Saved on this phone.")) console.log(`village-saved ${note}`);
        }).observe(status, { childList: true, characterData: true, subtree: true });
      }, note);
      const pid = browserPid();
      if (!pid) throw new Error("the browser's process was not found");
      await page.getByRole("button", { name: /^Save( changes)?$/ }).click();
      // A random moment of the save: some kills land before the words
      // appear, some just after.
      await sleep(Math.random() * 25);
      process.kill(pid, "SIGKILL");
      if (shown) confirmed.push(note);
      else pendingUnconfirmed = note;
    } finally {
      await context.close().catch(() => {});
    }
    // The profile's lock is the dead browser's: Chromium takes it over.
    await sleep(50);
  }
  rmSync(profile, { recursive: true, force: true });
  console.log(
    `browser: ${kills} kills, ${confirmed.length} confirmed saves, ${lost.length} lost (${unconfirmedKept} unconfirmed saves kept, ${unconfirmedGone} not)`,
  );
  if (lost.length > 0) {
    console.error("confirmed but missing after a kill:", lost);
    process.exit(1);
  }
}

main().catch((error) => {
  console.error(`browser: could not run: ${error.message}`);
  rmSync(profile, { recursive: true, force: true });
  process.exit(1);
});
