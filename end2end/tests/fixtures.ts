import { test as base, expect } from "@playwright/test";

/** Every request a test's browser makes that leaves Village's own origin. */
type Fixtures = { foreignRequests: string[] };

/**
 * Village makes no third-party requests of any kind. Every test records each
 * request its browser context makes, and fails if one went to another origin.
 */
export const test = base.extend<Fixtures>({
  foreignRequests: [
    async ({ context, baseURL }, use) => {
      const origin = new URL(baseURL ?? "").origin;
      const foreign: string[] = [];
      context.on("request", (request) => {
        const url = request.url();
        if (url.startsWith("data:") || url.startsWith("blob:")) return;
        if (new URL(url).origin !== origin) foreign.push(url);
      });
      await use(foreign);
      expect(foreign, "requests to other origins").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
