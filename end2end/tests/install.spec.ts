import { chromium } from "@playwright/test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test, expect, watchForeignRequests } from "./fixtures";
import { chromiumLaunch, withTheRunnersClock } from "../pages/browser";

test("Chromium finds the app installable", async ({ baseURL, foreignRequests }) => {
  // Ordinary contexts are incognito-like and always report `in-incognito`;
  // a persistent profile reports the real installability errors.
  const profile = mkdtempSync(join(tmpdir(), "village-install-"));
  const context = await chromium.launchPersistentContext(profile, chromiumLaunch);
  await withTheRunnersClock(context);
  watchForeignRequests(context, baseURL, foreignRequests);
  try {
    const page = await context.newPage();
    await page.goto(baseURL + "/");
    const cdp = await context.newCDPSession(page);
    const manifest = await cdp.send("Page.getAppManifest");
    expect(manifest.errors).toEqual([]);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    expect(installabilityErrors).toEqual([]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test("the home page says how to add Village to the home screen", async ({ page }) => {
  await page.goto("/");
  const help = page.getByRole("region", { name: "Keep Village on your home screen" });
  await expect(help.getByText("tap Share, then Add to Home Screen")).toBeVisible();
  await expect(help.getByText("Install app or Add to Home screen")).toBeVisible();
  // The browser's own prompt button stays hidden until the browser offers one.
  await expect(help.getByRole("button", { name: "Add to home screen" })).toBeHidden();
});
