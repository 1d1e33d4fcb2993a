import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test, expect, watchForeignRequests } from "./fixtures";
import { Shell } from "../pages/shell";
import { Week } from "../pages/week";
import { startServer } from "./servers";

// The suite's server runs with VILLAGE_TODAY=2026-12-07, a Monday in term time.

test("in term time: choose an area once, see the week by day, and move between weeks", async ({ page }) => {
  const shell = new Shell(page);
  const week = new Week(page);
  await shell.goto("/");
  await expect(page.getByRole("heading", { name: "Choose your area" })).toBeVisible();
  await page.getByRole("link", { name: "Riverside" }).click();
  await expect(page).toHaveURL("/?area=sample-riverside");
  await week.expectWeek("7 – 13 December 2026");
  await expect(week.breakNotice).toHaveCount(0);

  const tuesday = week.day("Tuesday 8 December");
  const talk = week.session(tuesday, "Tuesday Talk and Tea");
  await expect(talk).toContainText("Cancelled: The hall is booked for the Christmas fair");
  await expect(talk).toContainText("St Mark's Church Hall, Riverside");
  await expect(talk.getByRole("listitem")).toContainText(["Mental health support", "Babies welcome", "Free", "Drop in"]);
  const monday = week.day("Monday 7 December Today");
  const times = await monday.locator(".session-time").allTextContents();
  expect(times).toEqual([...times].sort());

  // The area is remembered on this phone: the plain address shows it.
  await shell.goto("/");
  await week.expectWeek("7 – 13 December 2026");

  await page.getByRole("link", { name: /Next week/ }).click();
  await week.expectWeek("14 – 20 December 2026");
  await page.getByRole("link", { name: /Next week/ }).click();
  await week.expectWeek("21 – 27 December 2026");
  await expect(week.breakNotice).toContainText("Christmas holidays (19 Dec – 4 Jan):");
  await expect(week.session(week.day("Tuesday 22 December"), "Tuesday Talk and Tea")).toContainText("Extra session");
  await page.getByRole("link", { name: "Back to this week" }).click();
  await week.expectWeek("7 – 13 December 2026");
});

test("filters narrow the week, live in the address and are remembered", async ({ page }) => {
  const shell = new Shell(page);
  const week = new Week(page);
  await shell.goto("/?area=sample-riverside");
  await week.openFilters();
  await page.getByLabel("When").selectOption({ label: "Evenings (from 5pm)" });
  await page.getByLabel("Free").check();
  await page.getByRole("button", { name: "Show groups" }).click();
  await expect(page).toHaveURL(/when=evening/);
  await expect(page).toHaveURL(/free=1/);
  const starts = await page.locator(".session-time time:first-child").allTextContents();
  expect(starts.length).toBeGreaterThan(0);
  for (const start of starts) expect(start >= "17:00").toBe(true);

  await shell.goto("/");
  await expect(page.getByText("Filter groups · Filters are on.")).toBeVisible();
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page.getByText("Filter groups · Filters are on.")).toHaveCount(0);
  await expect(page.locator(".session-time").first()).toContainText("09:30");
});

test("in the summer holidays the week says what pauses and what still runs", async ({ browser, foreignRequests }) => {
  const work = mkdtempSync(join(tmpdir(), "village-summer-"));
  const server = await startServer({ work, today: "2027-08-02", sampleData: true });
  const context = await browser.newContext({ baseURL: server.base });
  watchForeignRequests(context, server.base, foreignRequests);
  try {
    const page = await context.newPage();
    const week = new Week(page);
    await page.goto("/?area=sample-riverside");
    await week.expectWeek("2 – 8 August 2027");
    await expect(week.breakNotice).toContainText(/Summer holidays \(22 Jul – 1 Sep\): \d+ groups are having a break\./);
    await expect(week.breakNotice).toContainText("These still run:");
    await expect(week.breakNotice.getByRole("link", { name: "Holiday Play Mornings" })).toBeVisible();
    await expect(week.breakNotice.getByRole("link", { name: "Night Owls online chat" })).toBeVisible();
    await week.breakNotice.locator("summary", { hasText: "Having a break" }).click();
    await expect(week.breakNotice.getByRole("listitem").filter({ hasText: "Tuesday Talk and Tea" })).toContainText("Summer holidays");
    await expect(week.day("Tuesday 3 August").getByRole("heading", { name: "Tuesday Talk and Tea" })).toHaveCount(0);
    await expect(week.session(week.day("Wednesday 4 August"), "Holiday Play Mornings")).toBeVisible();
  } finally {
    await context.close();
    server.stop();
    rmSync(work, { recursive: true, force: true });
  }
});

test("this week is still there offline after one visit", async ({ page, context }) => {
  const shell = new Shell(page);
  const week = new Week(page);
  await shell.goto("/?area=sample-riverside");
  await page.waitForFunction(async () => (await navigator.serviceWorker.ready) && navigator.serviceWorker.controller !== null);
  await shell.goto("/");
  await week.expectWeek("7 – 13 December 2026");

  const savedNote = page.getByText("You're offline, so this is the copy saved on Monday 7 December. Times may have changed since.");
  await expect(savedNote).toBeHidden();

  await context.setOffline(true);
  const response = await page.reload();
  expect(response?.headers()["x-village-from"]).toBe("cache");
  await week.expectWeek("7 – 13 December 2026");
  await expect(savedNote).toBeVisible();
  await expect(week.session(week.day("Tuesday 8 December"), "Tuesday Talk and Tea")).toContainText("Cancelled");
  await context.setOffline(false);
});

test("a group's page shows its breaks, and Add to calendar downloads a calendar file", async ({ page }) => {
  const shell = new Shell(page);
  const week = new Week(page);
  await shell.goto("/?area=sample-riverside");
  await week.session(week.day("Tuesday 8 December"), "Tuesday Talk and Tea").getByRole("link", { name: "Tuesday Talk and Tea" }).click();
  await shell.expectOn("/groups/sample-tuesday-talk", "Tuesday Talk and Tea Sample");
  await expect(page.getByText("Every Tuesday, 10:00 to 11:30, in term time only.")).toBeVisible();
  const upcoming = page.locator("ol.upcoming > li");
  await expect(upcoming).toHaveCount(9);
  await expect(upcoming.nth(0)).toContainText("Tuesday 8 December, 10:00–11:30 · Cancelled: The hall is booked for the Christmas fair");
  await expect(page.getByText("No sessions 19 Dec – 4 Jan: Christmas holidays")).toBeVisible();
  await expect(page.getByRole("link", { name: /Subscribe/ })).toHaveAttribute("href", /^webcal:\/\/.*\/api\/v1\/groups\/sample-tuesday-talk\/calendar\.ics$/);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Add to calendar" }).click()]);
  expect(download.suggestedFilename()).toBe("sample-tuesday-talk.ics");
  const path = await download.path();
  const ics = readFileSync(path, "utf8");
  expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
  expect(ics).toContain("SUMMARY:Tuesday Talk and Tea");
  expect(ics).toContain("RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=TU;UNTIL=");
});

test("groups followed on this phone make one subscription feed, whose address holds only group ids", async ({ page, request }) => {
  const shell = new Shell(page);
  await shell.goto("/groups/sample-tuesday-talk");
  await shell.waitForHydration();
  await page.getByRole("button", { name: "Add to My groups" }).click();
  await expect(page.getByRole("button", { name: "Remove from My groups" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("link", { name: "Subscribe to my groups calendar (1 group)" })).toHaveAttribute(
    "href",
    /^webcal:\/\/[^/]+\/api\/v1\/feeds\/calendar\.ics\?groups=sample-tuesday-talk$/,
  );

  await shell.goto("/groups/sample-rhyme-time");
  await shell.waitForHydration();
  await page.getByRole("button", { name: "Add to My groups" }).click();
  const feed = page.getByRole("link", { name: "Subscribe to my groups calendar (2 groups)" });
  await expect(feed).toHaveAttribute("href", /\?groups=sample-tuesday-talk,sample-rhyme-time$/);

  // Kept on the phone across visits.
  await page.reload();
  await shell.waitForHydration();
  await expect(feed).toBeVisible();
  const href = (await feed.getAttribute("href")) ?? "";
  const response = await request.get(href.replace(/^webcal:\/\/[^/]+/, ""));
  expect(response.status()).toBe(200);
  const ics = await response.text();
  expect(ics).toContain("SUMMARY:Tuesday Talk and Tea");
  expect(ics).toContain("SUMMARY:Rhyme Time");
  expect(ics).not.toContain("VALARM");

  // A reminder the evening before: chosen on the phone, in the address, kept.
  const reminders = page.getByRole("group", { name: "A reminder in your calendar" });
  await expect(reminders.getByRole("radio", { name: "None" })).toBeChecked();
  await reminders.getByRole("radio", { name: "The evening before" }).check();
  await expect(feed).toHaveAttribute("href", /\?groups=sample-tuesday-talk,sample-rhyme-time&alert=evening$/);
  await page.reload();
  await shell.waitForHydration();
  await expect(reminders.getByRole("radio", { name: "The evening before" })).toBeChecked();
  const withAlarm = await request.get(((await feed.getAttribute("href")) ?? "").replace(/^webcal:\/\/[^/]+/, ""));
  const alarmed = await withAlarm.text();
  expect(alarmed.match(/BEGIN:VALARM/g)?.length).toBe(alarmed.match(/BEGIN:VEVENT/g)?.length);
  expect(alarmed).toContain("TRIGGER:-PT15H"); // Tuesday Talk at 10:00, from 7pm the day before
});
