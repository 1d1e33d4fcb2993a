import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext, Page } from "@playwright/test";
import { expect, test, watchForeignRequests } from "./fixtures";
import { startServer } from "./servers";

const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

async function follow(page: Page, path: string) {
  await page.goto(path);
  await page.getByRole("button", { name: "Add to My groups" }).click();
  await expect(page.getByRole("button", { name: "Remove from My groups" })).toHaveAttribute("aria-pressed", "true");
}

async function controlledByTheWorker(page: Page) {
  await page.waitForFunction(async () => (await navigator.serviceWorker.ready) && navigator.serviceWorker.controller !== null);
}

test("in the summer, My groups names a followed group's break, when it is back and what still runs, online and offline", async ({ browser, foreignRequests }) => {
  const work = mkdtempSync(join(tmpdir(), "village-my-groups-"));
  // Wednesday 28 July 2027, in the summer holidays, on the server and on the phone.
  const server = await startServer({ work, today: "2027-07-28", sampleData: true });
  const context = await browser.newContext({ baseURL: server.base, timezoneId: "Europe/London" });
  watchForeignRequests(context, server.base, foreignRequests);
  try {
    await context.clock.setFixedTime(new Date("2027-07-28T09:00:00+01:00"));
    const page = await context.newPage();
    await follow(page, "/groups/sample-baby-massage");
    await follow(page, "/groups/sample-night-owls");

    await page.goto("/?area=sample-riverside");
    const panel = page.getByRole("region", { name: "My groups" });
    const massage = panel.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Baby Massage" }) });
    await expect(massage).toContainText("On a break for the summer holidays, back on Thursday 2 September.");
    await expect(massage).toContainText("These still run:");
    await expect(massage).toContainText("Holiday Play Mornings (Wednesday 28 July, 10:00)");
    const owls = panel.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Night Owls online chat" }) });
    await expect(owls).toContainText("Next: Thursday 29 July, 21:00 to 22:00");
    await expect(panel).toContainText("Up to date.");

    // Once the service worker keeps the answer, the panel works with no signal.
    await controlledByTheWorker(page);
    await page.reload();
    await expect(massage).toContainText("back on Thursday 2 September");
    await context.setOffline(true);
    await page.reload();
    await expect(panel).toContainText("Village can't be reached just now, so this is the copy saved today.");
    await expect(massage).toContainText("On a break for the summer holidays, back on Thursday 2 September.");
    await expect(massage.getByRole("link", { name: "Holiday Play Mornings" })).toBeVisible();
    // Its own page too, which the phone keeps from the first visit.
    await page.goto("/my-groups");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("My groups");
    await expect(page.getByRole("region", { name: "Your groups" })).toContainText("back on Thursday 2 September");

    // Three days later, still offline: the copy says how old it is and what is still to come.
    await context.clock.setFixedTime(new Date("2027-07-31T09:00:00+01:00"));
    await page.reload();
    const mine = page.getByRole("region", { name: "Your groups" });
    await expect(mine).toContainText("Village can't be reached just now, so this is the copy saved on Wednesday 28 July.");
    const owlsLater = mine.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Night Owls online chat" }) });
    await expect(owlsLater).toContainText("Next: Monday 2 August, 21:00 to 22:00");
    // The alternatives still say when they next meet, from the days the copy kept.
    await expect(mine).toContainText("Holiday Play Mornings (Wednesday 4 August, 10:00)");
    await context.setOffline(false);
  } finally {
    await context.close();
    server.stop();
    rmSync(work, { recursive: true, force: true });
  }
});

test("with nothing followed, This week shows no panel and My groups says how to follow a group", async ({ page }) => {
  // The panel's code is fetched only on a phone that follows a group.
  const asked: string[] = [];
  page.on("request", (request) => asked.push(request.url()));
  await page.goto("/?area=sample-riverside");
  await page.waitForFunction(() => performance.getEntriesByName("hydrated").length > 0);
  await expect(page.getByRole("region", { name: "My groups" })).toBeHidden();
  await page.waitForTimeout(300);
  expect(asked.filter((url) => /this_week_panel|my_groups/.test(url))).toEqual([]);
  await page.goto("/my-groups");
  await expect(page.getByText('You don\'t follow any groups yet. Open a group from This week and choose "Add to My groups".')).toBeVisible();
});

test("a group no longer listed is named, and can be let go of", async ({ page }) => {
  await page.goto("/my-groups");
  await page.evaluate(() => localStorage.setItem("village.followed-groups", "sample-tuesday-talk,a-group-that-stopped"));
  await page.reload();
  const panel = page.getByRole("region", { name: "Your groups" });
  await expect(panel.getByRole("heading", { name: "Tuesday Talk and Tea" })).toBeVisible();
  await expect(panel).toContainText("1 group you follow is no longer listed: it may have stopped.");
  await panel.getByRole("button", { name: "Stop following them" }).click();
  await expect(panel).not.toContainText("no longer listed");
  expect(await page.evaluate(() => localStorage.getItem("village.followed-groups"))).toBe("sample-tuesday-talk");
});

test("My groups and its reminders meet WCAG 2.2 AA, in light and dark", async ({ page }) => {
  await page.goto("/groups/sample-tuesday-talk");
  await page.getByRole("button", { name: "Add to My groups" }).click();
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    for (const path of ["/my-groups", "/?area=sample-riverside"]) {
      await page.goto(path);
      await expect(page.locator(".my-group").first()).toBeVisible();
      expect((await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze()).violations, path).toEqual([]);
    }
  }
});

/** Lets the app wake (Chromium grants it to installed apps only) and show notifications. */
async function allowReminders(context: BrowserContext, page: Page, origin: string) {
  // Both through the protocol (Playwright's own grant would be replaced),
  // on a session kept open: the grants last as long as it does.
  const cdp = await context.newCDPSession(page);
  const { targetInfo } = await cdp.send("Target.getTargetInfo");
  for (const name of ["periodic-background-sync", "notifications"]) {
    await cdp.send("Browser.setPermission", { origin, permission: { name }, setting: "granted", browserContextId: targetInfo.browserContextId });
  }
  return cdp;
}

/** Wakes the app as the browser would, through the DevTools protocol. */
async function wake(page: Page, origin: string) {
  const cdp = await page.context().newCDPSession(page);
  const registration = new Promise<string>((resolve) => {
    cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
      const found = registrations.find((r: { scopeURL: string; isDeleted: boolean }) => r.scopeURL.startsWith(origin) && !r.isDeleted);
      if (found) resolve(found.registrationId);
    });
  });
  await cdp.send("ServiceWorker.enable");
  await cdp.send("ServiceWorker.dispatchPeriodicSyncEvent", { origin, registrationId: await registration, tag: "village-reminders" });
  await cdp.detach();
}

async function notifications(page: Page) {
  return page.evaluate(async () =>
    (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag })),
  );
}

test("a check-in reminder opted into fires from a periodic sync, shows only 'Village', and asks nothing of the network", async ({ page, context, baseURL }) => {
  const origin = new URL(baseURL ?? "").origin;
  await allowReminders(context, page, origin);
  await page.goto("/my-groups");
  await controlledByTheWorker(page);
  await page.reload();
  const reminders = page.getByRole("region", { name: "Reminders on this phone" });
  await reminders.getByLabel("A gentle reminder to check in with how I'm feeling").check();
  // Any time already past today, so the reminder is due whatever the hour.
  await reminders.getByLabel("At", { exact: true }).fill("00:00");
  await reminders.getByRole("button", { name: "Save reminders" }).click();
  await expect(reminders.getByRole("status")).toHaveText("Reminders saved on this phone.");
  expect(await notifications(page)).toEqual([]);

  const requests: { url: string; fromWorker: boolean }[] = [];
  context.on("request", (request) => requests.push({ url: request.url(), fromWorker: request.serviceWorker() !== null }));
  await wake(page, origin);
  await expect.poll(() => notifications(page)).toEqual([{ title: "Village", body: "", tag: expect.stringMatching(/^mood:\d{4}-\d\d-\d\d$/) }]);
  expect(requests, "requests while the reminder was worked out").toEqual([]);
  // The listener does hear the worker's own requests: a reload goes through it.
  await page.reload();
  await expect.poll(() => requests.some((r) => r.fromWorker)).toBe(true);

  // Turning it off is one button, and then a wake shows nothing more.
  await page.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications()).forEach((n) => n.close()));
  await reminders.getByRole("button", { name: "Turn off all reminders" }).click();
  await expect(reminders.getByRole("status")).toHaveText("Reminders are off.");
  await wake(page, origin);
  await page.waitForTimeout(500);
  expect(await notifications(page)).toEqual([]);
});

test("where the browser cannot wake the app, the page says so and offers calendar reminders", async ({ page }) => {
  await page.addInitScript(() => {
    // A browser without Periodic Background Sync (Firefox, Safari).
    delete (ServiceWorkerRegistration.prototype as unknown as Record<string, unknown>).periodicSync;
  });
  await page.goto("/my-groups");
  await controlledByTheWorker(page);
  await page.reload();
  await expect(page.getByText("This browser can't wake Village to remind you. Calendar reminders work instead")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save reminders" })).toHaveCount(0);
});
