import { defineConfig } from "@playwright/test";
import { chromiumLaunch } from "./pages/browser";

// The suite runs against a server that end2end/run.sh has just built and
// started on a free port with a throwaway database. Never a fixed port.
const baseURL = process.env.VILLAGE_BASE_URL;
if (!baseURL) {
  throw new Error("VILLAGE_BASE_URL is not set: run the browser tests with `make e2e` or end2end/run.sh");
}

export default defineConfig({
  testDir: "./tests",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  timeout: 30_000,
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL,
    browserName: "chromium",
    // Debian's Chromium, launched as every browser in the suite is.
    launchOptions: chromiumLaunch,
    // A typical phone: Village is mobile-first.
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "en-GB",
    timezoneId: "Europe/London",
    trace: "retain-on-failure",
  },
});
