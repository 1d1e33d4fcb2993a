import type { BrowserContext, Page } from "@playwright/test";

/**
 * Debian's Chromium, as every browser in the suite launches it; Playwright
 * never downloads a browser here.
 *
 * `make test-dates` runs the suite under libfaketime, which Chromium cannot
 * live with (it hangs for half a minute at every start and its pages keep the
 * real time anyway), so Chromium starts without libfaketime and each page's
 * clock is moved instead (see `withTheRunnersClock`).
 */
export const chromiumLaunch = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
  env: withoutFaketime(process.env),
};

function withoutFaketime(env: NodeJS.ProcessEnv): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || name.startsWith("FAKETIME")) continue;
    if (name === "LD_PRELOAD" && value.includes("faketime")) continue;
    kept[name] = value;
  }
  return kept;
}

/** True when the test runner's clock is moved by libfaketime. */
export function underFaketime(): boolean {
  return (process.env.LD_PRELOAD ?? "").includes("faketime");
}

/**
 * Moves the `Date` of every page in `target` so that it reads `at` when the
 * page starts, before any page script runs; time then runs on. Only `Date`
 * moves (Playwright's own clock would fake timers and `performance` too,
 * hiding hydration marks). The shift is measured inside the page, against
 * whatever clock the page already has, so moves can be stacked.
 */
export async function movePageClock(target: Page | BrowserContext, at: number) {
  await target.addInitScript((wanted: number) => {
    const PageDate = Date;
    const shift = wanted - PageDate.now(); // real time: how far to move the phone's clock
    class MovedDate extends PageDate {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(PageDate.now() + shift); // real time, moved
        else super(...(args as [number]));
      }
      static now() {
        return PageDate.now() + shift; // real time, moved
      }
    }
    globalThis.Date = MovedDate as DateConstructor;
  }, at);
}

/**
 * Under `make test-dates`, pages read the same moved clock as the test runner
 * and the server, though Chromium itself runs on the real one.
 */
export async function withTheRunnersClock(context: BrowserContext) {
  if (underFaketime()) await movePageClock(context, Date.now()); // real time: the runner's moved clock
}
