import { appendFileSync, cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test, expect, watchForeignRequests } from "./fixtures";
import { Shell } from "../pages/shell";
import { startServer } from "./servers";

test("a new deploy shows the update banner, and Reload picks up the new version", async ({ browser, foreignRequests }) => {
  const work = mkdtempSync(join(tmpdir(), "village-update-"));
  const site = join(work, "site");
  cpSync(process.env.VILLAGE_SITE_ROOT ?? "", site, { recursive: true });
  const { base, child } = await startServer({ site, work });
  const context = await browser.newContext({ baseURL: base });
  watchForeignRequests(context, base, foreignRequests);
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    const shell = new Shell(page);
    await shell.goto("/");
    await page.waitForFunction(async () => (await navigator.serviceWorker.ready) && navigator.serviceWorker.controller !== null);
    const banner = page.getByText("A new version is ready.");
    await expect(banner).toBeHidden();

    // "Deploy" a changed build: any change to the worker makes a new version.
    appendFileSync(join(site, "sw.js"), "\n// a new deploy\n");
    await page.reload();
    await expect(banner).toBeVisible({ timeout: 15_000 });
    // Nothing reloads by itself: the person decides.
    await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: "Reload" }).click()]);
    await shell.waitForHydration();
    await expect(banner).toBeHidden();
    await expect(shell.heading()).toHaveText("This week");
    expect(errors).toEqual([]);
  } finally {
    await context.close();
    child.kill();
    rmSync(work, { recursive: true, force: true });
  }
});
