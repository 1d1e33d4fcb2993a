import { test, expect } from "./fixtures";
import { Shell } from "../pages/shell";
import { CrisisCard } from "../pages/crisis";

/** Waits until the service worker controls the page. */
async function waitForServiceWorker(shell: Shell) {
  await shell.page.waitForFunction(async () => {
    await navigator.serviceWorker.ready;
    return navigator.serviceWorker.controller !== null;
  });
}

test("after one visit, Village opens with no signal and the crisis card works", async ({ page, context }) => {
  const shell = new Shell(page);
  await shell.goto("/");
  await shell.waitForHydration();
  await waitForServiceWorker(shell);
  // The first visit is claimed by the worker; load once more so the page is kept.
  await page.reload();
  await shell.waitForHydration();

  await context.setOffline(true);
  const response = await page.reload();
  expect(response?.headers()["x-village-from"]).toBe("cache");
  await expect(shell.heading()).toHaveText("This week");
  await shell.waitForHydration();
  await shell.needHelp.click();
  await expect(shell.crisisDialog).toBeVisible();
  await new CrisisCard(shell.crisisDialog).expectEveryRouteToHelp();
  await shell.crisisDialog.getByRole("button", { name: "Close" }).click();

  // A page never opened before: the offline page, still with help and navigation.
  await shell.navLink("Who can help").click();
  await expect(shell.heading()).toHaveText("You're offline");
  await expect(shell.needHelp).toBeVisible();
  await shell.navLink("This week").click();
  await expect(shell.heading()).toHaveText("This week");
  await context.setOffline(false);
});

test("no update banner on a first visit", async ({ page }) => {
  const shell = new Shell(page);
  await shell.goto("/");
  await waitForServiceWorker(shell);
  await expect(page.getByText("A new version is ready.")).toBeHidden();
});

test("on a slow connection, a page never opened before still arrives instead of the offline page", async ({ page, context }) => {
  const shell = new Shell(page);
  await shell.goto("/");
  await waitForServiceWorker(shell);
  // The page takes longer than the worker waits before it looks for a saved copy.
  await context.route("**/help", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 4_500));
    await route.continue();
  });
  const response = await page.goto("/help");
  expect(response?.headers()["x-village-from"]).toBeUndefined();
  await expect(shell.heading()).toHaveText("Who can help");
});

/** The addresses of the pages the worker keeps (not its precached files). */
async function keptPages(shell: Shell): Promise<string[]> {
  return shell.page.evaluate(async () => {
    const kept: string[] = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) {
        const url = new URL(request.url);
        if (!url.pathname.startsWith("/pkg/")) kept.push(url.pathname + url.search);
      }
    }
    return kept;
  });
}

test("a search is never kept on the phone, and the pages kept have a limit", async ({ page }) => {
  const shell = new Shell(page);
  await shell.goto("/");
  await waitForServiceWorker(shell);
  await page.goto("/help?q=domestic+abuse");
  await expect(shell.heading()).toHaveText("Who can help");
  await page.goto("/help");
  await expect.poll(() => keptPages(shell)).toContain("/help");
  expect((await keptPages(shell)).filter((kept) => kept.includes("q="))).toEqual([]);

  // Forty weeks opened: only the thirty most recent pages are kept.
  for (let week = 0; week < 40; week += 1) {
    const day = new Date(Date.UTC(2027, 0, 4 + 7 * week)).toISOString().slice(0, 10);
    await page.goto(`/?area=sample-riverside&week=${day}`);
  }
  await expect.poll(async () => (await keptPages(shell)).filter((kept) => kept.includes("week=")).length).toBeLessThanOrEqual(30);
  const kept = await keptPages(shell);
  expect(kept).toContain("/?area=sample-riverside&week=2027-10-04");
  expect(kept).not.toContain("/?area=sample-riverside&week=2027-01-04");
  expect(kept.filter((k) => !k.includes("week=") && !["/offline", "/mood", "/my-groups", "/manifest.webmanifest", "/favicon.svg", "/sw-register.js"].includes(k) && !k.startsWith("/icons/")).length).toBeLessThanOrEqual(30);
});
