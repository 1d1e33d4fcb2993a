import { test as base, expect, type BrowserContext } from "@playwright/test";
import { withTheRunnersClock } from "../pages/browser";

/** Every request a test's browser makes that leaves Village's own origin. */
type Fixtures = { foreignRequests: string[]; runnersClock: void };

/**
 * Records every request a browser context makes to an origin other than
 * Village's own. Tests that open extra contexts watch them with this too.
 */
export function watchForeignRequests(context: BrowserContext, baseURL: string | undefined, sink: string[]) {
  const origin = new URL(baseURL ?? "").origin;
  context.on("request", (request) => {
    const url = request.url();
    if (url.startsWith("data:") || url.startsWith("blob:")) return;
    if (new URL(url).origin !== origin) sink.push(url);
  });
}

/**
 * Village makes no third-party requests of any kind. Every test records each
 * request its browser context makes, and fails if one went to another origin.
 */
export const test = base.extend<Fixtures>({
  foreignRequests: [
    async ({ context, baseURL }, use) => {
      const foreign: string[] = [];
      watchForeignRequests(context, baseURL, foreign);
      await use(foreign);
      expect(foreign, "requests to other origins").toEqual([]);
    },
    { auto: true },
  ],
  // Under `make test-dates`, every page reads the runner's moved clock.
  runnersClock: [
    async ({ context }, use) => {
      await withTheRunnersClock(context);
      await use();
    },
    { auto: true },
  ],
});

export { expect };
