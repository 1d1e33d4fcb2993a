import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { test, expect, watchForeignRequests } from "./fixtures";
import { chromiumLaunch, withTheRunnersClock } from "../pages/browser";
import { DiaryPage, daysAgo, onTheTestsToday } from "../pages/diary";
import { expectNeverOnTheServer } from "../pages/privacy";
import { startServer } from "./servers";

const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

/** Reads every record the diary keeps in IndexedDB, as raw stored text. */
async function storedRecords(diary: DiaryPage): Promise<string[]> {
  return diary.page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open("village-diary");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction("entries", "readonly");
          const all = tx.objectStore("entries").getAll();
          all.onsuccess = () => {
            resolve(all.result as string[]);
            open.result.close();
          };
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

test("before the first question the diary says where entries live; a check-in is three taps and survives a reload", async ({ page }) => {
  const diary = new DiaryPage(page);
  await diary.shell.goto("/");
  await diary.shell.waitForHydration();
  await diary.shell.navLink("My mood").click(); // tap 1
  await diary.shell.waitForHydration();
  await expect(page.getByRole("heading", { name: "Before you start: where your diary lives" })).toBeVisible();
  await expect(page.getByText("never sent to Village or anyone else")).toBeVisible();
  await expect(page.getByRole("group", { name: "Your mood" })).toHaveCount(0);
  await page.getByRole("button", { name: "I understand, start my diary" }).click();

  await diary.mood("Good").check(); // tap 2
  await diary.save().click(); // tap 3
  await expect(diary.status).toHaveText("Saved on this phone.");

  await page.reload();
  await diary.waitUntilOpen();
  await expect(page.getByRole("group", { name: "Your mood" })).toBeVisible();
  expect(await diary.historyLines()).toEqual([expect.stringMatching(/^\d\d:\d\d .*Good$/)]);
});

test("a note never leaves the phone: not in any request, the server's log or its database", async ({ page, context }) => {
  const canary = `canary-${Date.now()}-${Math.random().toString(36).slice(2)}`; // real time: only to make the canary unique
  const seen: Promise<string>[] = [];
  context.on("request", (request) => {
    seen.push(request.allHeaders().then((headers) => [request.url(), JSON.stringify(headers), request.postData() ?? ""].join("\n")));
  });
  const diary = new DiaryPage(page);
  await diary.openReady();
  const diaryRequests: string[] = [];
  const recordDiaryRequest = (request: import("@playwright/test").Request) => diaryRequests.push(`${request.method()} ${request.url()}`);
  context.on("request", recordDiaryRequest);
  await diary.checkIn({ mood: "Low", note: `Hard night ${canary}`, tags: ["Tired", "Feeding"] });
  // Edit it, look at it, export it, lock and unlock: every screen that handles the note.
  await diary.section("History").click();
  await expect(page.getByText(canary)).toBeVisible();
  await page.getByRole("button", { name: /^Change/ }).first().click();
  await diary.note().fill(`Hard night, better morning ${canary}`);
  await diary.save().click();
  await expect(diary.status).toHaveText("Saved on this phone.");
  await diary.section("Your data").click();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Save as JSON" }).click();
  const exported = (await (await download).path()) ?? "";
  expect(readFileSync(exported, "utf8")).toContain(canary);
  // Bring the export back, make an encrypted backup, print the summary with notes.
  await page.getByLabel("File to bring back").setInputFiles(exported);
  await page.getByRole("button", { name: "Bring back check-ins" }).click();
  await expect(diary.status).toContainText("1 were already here.");
  await page.getByLabel("Passphrase for the backup").fill("canary backup");
  await page.getByLabel("Type the passphrase again").fill("canary backup");
  const backup = page.waitForEvent("download");
  await page.getByRole("button", { name: "Save encrypted backup" }).click();
  await backup;
  await page.evaluate(() => {
    window.print = () => undefined;
  });
  await page.getByRole("checkbox", { name: "Include my notes" }).check();
  await page.getByRole("button", { name: "Print or save as PDF" }).click();
  // Lock, lock now, and unlock.
  await page.getByLabel("New PIN or passphrase").fill("135790");
  await page.getByLabel("Type the PIN or passphrase again").fill("135790");
  await page.getByRole("button", { name: "Turn on the lock" }).click();
  await expect(diary.status).toContainText("The lock is on.");
  await page.getByRole("button", { name: "Lock now" }).click();
  await page.getByLabel("PIN or passphrase").fill("135790");
  await page.getByRole("button", { name: "Open my diary" }).click();
  await diary.section("History").click();
  await expect(page.getByText(canary)).toBeVisible();
  // Saving, editing, listing, exporting, importing, backing up, printing,
  // locking and unlocking asked the server for nothing at all.
  context.off("request", recordDiaryRequest);
  expect(diaryRequests).toEqual([]);
  // Moving around the app and reloading makes requests the check can see.
  await diary.shell.navLink("This week").click();
  await diary.shell.navLink("My mood").click();
  await page.reload();
  await diary.waitUntilOpen();
  await page.getByLabel("PIN or passphrase").fill("135790");
  await page.getByRole("button", { name: "Open my diary" }).click();
  await diary.section("History").click();
  await expect(page.getByText(canary)).toBeVisible();

  const requests = await Promise.all(seen);
  expect(requests.length, "requests were recorded").toBeGreaterThan(5);
  expectNeverOnTheServer(requests, canary);
});

test("check-ins can be backdated, edited, and deleted with undo", async ({ page }) => {
  await onTheTestsToday(page);
  const diary = new DiaryPage(page);
  await diary.openReady();
  await diary.checkIn({ mood: "Okay", day: daysAgo(3), time: "06:15", note: "early" });
  await diary.checkIn({ mood: "Good", time: "09:30" });
  await diary.section("History").click();
  await expect(diary.dayHeadings()).toHaveCount(2);
  expect(await diary.historyLines()).toEqual([expect.stringMatching(/^09:30 .*Good$/), expect.stringMatching(/^06:15 .*Okay$/)]);

  // Edit the backdated one: it keeps its day and changes its mood.
  await page.getByRole("button", { name: /^Change .*, 06:15$/ }).click();
  await expect(page.getByRole("heading", { name: "Change this check-in" })).toBeVisible();
  await diary.mood("Low").check();
  await diary.save().click();
  expect(await diary.historyLines()).toEqual([expect.stringMatching(/^09:30 .*Good$/), expect.stringMatching(/^06:15 .*Low$/)]);

  await page.getByRole("button", { name: /^Delete .*, 09:30$/ }).click();
  await expect(diary.status.getByRole("button", { name: "Undo" })).toBeFocused();
  await expect(diary.status).toContainText("Check-in deleted.");
  expect(await diary.historyLines()).toHaveLength(1);
  await diary.status.getByRole("button", { name: "Undo" }).click();
  await expect(diary.status).toContainText("Check-in put back.");
  expect(await diary.historyLines()).toHaveLength(2);
  await page.reload();
  await diary.waitUntilOpen();
  expect(await diary.historyLines()).toHaveLength(2);

  // A day that has not happened yet is refused with a reason, and nothing is saved.
  await diary.section("Check in").click();
  await diary.mood("Good").check();
  await diary.openWhen();
  await page.getByLabel("Day", { exact: true }).fill(daysAgo(-2));
  await diary.save().click();
  await expect(page.getByRole("alert").filter({ hasText: "has not happened yet" })).toBeVisible();
  expect(await diary.historyLines()).toHaveLength(2);
});

test("the lowest mood brings up the crisis card at once without blocking the save; scary thoughts get a calm note instead", async ({ page }) => {
  const diary = new DiaryPage(page);
  await diary.openReady();
  await diary.tag("Scary or unwanted thoughts").check();
  await expect(page.getByRole("heading", { name: "About scary or unwanted thoughts" })).toBeVisible();
  await expect(page.getByText("they can be treated")).toBeVisible();
  await expect(diary.shell.crisisDialog).toBeHidden();

  await diary.mood("Very low").check();
  await expect(diary.shell.crisisDialog).toBeVisible();
  await expect(diary.shell.crisisDialog.getByRole("link", { name: "Call Samaritans on 116 123" })).toBeVisible();
  await diary.shell.crisisDialog.getByRole("button", { name: "Close" }).click();
  await expect(diary.mood("Very low")).toBeChecked();
  await diary.save().click();
  await expect(diary.status).toHaveText("Saved on this phone.");
  await expect(diary.shell.crisisDialog).toBeHidden();
});

test("after three low days in a week the diary gently offers groups and help, listing this week's groups from the saved copy and fetching nothing", async ({ page, context }) => {
  // The phone's clock agrees with the server's "today" (a Monday in term time).
  await page.clock.setFixedTime(new Date("2026-12-07T10:00:00Z"));
  const diary = new DiaryPage(page);
  // One visit to This week: the service worker keeps the page for offline.
  await diary.shell.goto("/?area=sample-riverside");
  await page.waitForFunction(async () => (await navigator.serviceWorker.ready) && navigator.serviceWorker.controller !== null);
  await page.reload();
  const firstSession = page.locator("section.day").first().locator("li.session:not(.cancelled) .session-title a").first();
  const firstTitle = (await firstSession.innerText()).trim();

  await diary.openReady();
  await diary.checkIn({ mood: "Low", day: "2026-12-07" });
  await diary.checkIn({ mood: "Low", day: "2026-12-06" });
  await expect(page.getByRole("heading", { name: "The last few days sound hard" })).toHaveCount(0);
  const requests: string[] = [];
  context.on("request", (r) => requests.push(r.url()));
  await diary.checkIn({ mood: "Low", day: "2026-12-03" });
  const bridge = page.getByRole("complementary", { name: "The last few days sound hard" });
  await expect(bridge).toBeVisible();
  await expect(bridge.getByRole("link", { name: "See this week's groups" })).toHaveAttribute("href", "/");
  await expect(bridge.getByRole("link", { name: "Who can help" })).toHaveAttribute("href", "/help");
  await expect(bridge.getByText("Coming up, from the copy saved on this phone:")).toBeVisible();
  await expect(bridge.getByRole("link", { name: firstTitle }).first()).toHaveAttribute("href", /^\/groups\//);
  await expect(bridge.getByRole("listitem").first()).toContainText("Monday 7 December");
  expect(requests).toEqual([]);
});

test("a locked diary locks itself again after five quiet minutes", async ({ page }) => {
  await page.clock.install();
  const diary = new DiaryPage(page);
  await diary.openReady();
  await diary.checkIn({ mood: "Okay", note: "quiet spell" });
  await diary.section("Your data").click();
  await page.getByLabel("New PIN or passphrase").fill("2468");
  await page.getByLabel("Type the PIN or passphrase again").fill("2468");
  await page.getByRole("button", { name: "Turn on the lock" }).click();
  await expect(diary.status).toContainText("The lock is on.");
  await diary.section("History").click();
  await expect(page.getByText("quiet spell")).toBeVisible();
  await page.clock.fastForward("04:00");
  await page.clock.runFor(20_000);
  await expect(page.getByText("quiet spell")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Your diary is locked" })).toHaveCount(0);
  await page.clock.fastForward("02:00");
  await page.clock.runFor(20_000);
  await expect(page.getByRole("heading", { name: "Your diary is locked" })).toBeVisible();
  await expect(page.getByText("quiet spell")).toHaveCount(0);
});

test("check-ins survive a service-worker update", async ({ browser, foreignRequests }) => {
  const work = mkdtempSync(join(tmpdir(), "village-diary-update-"));
  const site = join(work, "site");
  cpSync(process.env.VILLAGE_SITE_ROOT ?? "", site, { recursive: true });
  const { base, child } = await startServer({ site, work });
  const context = await browser.newContext({ baseURL: base });
  watchForeignRequests(context, base, foreignRequests);
  try {
    const diary = new DiaryPage(await context.newPage());
    await diary.openReady();
    await diary.page.waitForFunction(async () => (await navigator.serviceWorker.ready) && navigator.serviceWorker.controller !== null);
    await diary.checkIn({ mood: "Good", note: "before the update" });
    appendFileSync(join(site, "sw.js"), "\n// a new deploy\n");
    await diary.page.reload();
    const banner = diary.page.getByText("A new version is ready.");
    await expect(banner).toBeVisible({ timeout: 15_000 });
    await Promise.all([diary.page.waitForEvent("load"), diary.page.getByRole("button", { name: "Reload" }).click()]);
    await diary.shell.waitForHydration();
    await expect(banner).toBeHidden();
    await diary.section("History").click();
    await expect(diary.page.getByText("before the update")).toBeVisible();
  } finally {
    await context.close();
    child.kill();
    rmSync(work, { recursive: true, force: true });
  }
});

test("the weekly self-check asks NICE's follow-up only after a yes, explains the answers, and a yes to self-harm thoughts brings up the crisis card", async ({ page }) => {
  const diary = new DiaryPage(page);
  await diary.openReady();
  await expect(page.getByText("A weekly self-check is here if you would like it.")).toBeVisible();
  await diary.section("Self-check").click();
  const question = (text: string | RegExp) => page.getByRole("group", { name: text });
  await expect(question("Is this something you feel you need or want help with?")).toBeHidden();
  await question(/bothered by feeling down, depressed or hopeless/).getByRole("radio", { name: "Yes" }).check();
  await expect(question("Is this something you feel you need or want help with?")).toBeVisible();
  await page.getByRole("button", { name: "See what this means" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Please answer each question first." })).toBeVisible();
  await question(/little interest or pleasure in doing things/).getByRole("radio", { name: "No" }).check();
  await question("Is this something you feel you need or want help with?").getByRole("radio", { name: "Yes" }).check();
  await question(/nervous, anxious or on edge/).getByRole("radio", { name: "No" }).check();
  await question(/stop or control worrying/).getByRole("radio", { name: "No" }).check();
  await question(/thoughts of harming yourself/).getByRole("radio", { name: "Yes" }).check();
  await expect(diary.shell.crisisDialog).toBeVisible();
  await diary.shell.crisisDialog.getByRole("button", { name: "Close" }).click();
  await page.getByRole("button", { name: "See what this means" }).click();
  await expect(page.getByRole("heading", { name: "What your answers mean" })).toBeFocused();
  await expect(page.getByText("This is not a diagnosis.")).toBeVisible();
  await expect(page.getByText("Please tell someone today.")).toBeVisible();
  await expect(page.getByText("You said you would like help.")).toBeVisible();
  await diary.section("Check in").click();
  await expect(page.getByText("A weekly self-check is here if you would like it.")).toHaveCount(0);
});

test("history shows a chart with a table alternative, and a gentle pattern from what was going on", async ({ page }) => {
  await onTheTestsToday(page);
  const diary = new DiaryPage(page);
  await diary.openReady();
  for (const ago of [1, 2, 3]) await diary.checkIn({ mood: "Good", day: daysAgo(ago), tags: ["Got out of the house"] });
  for (const ago of [4, 5, 6]) await diary.checkIn({ mood: "Okay", day: daysAgo(ago) });
  await diary.section("History").click();
  const chart = page.getByRole("img", { name: /Mood chart for the last 2 weeks: 6 days with check-ins, average mood 3.5 out of 5/ });
  await expect(chart).toBeVisible();
  await expect(chart.locator("circle")).toHaveCount(6);
  await page.getByText("Show as a table").click();
  await expect(page.locator(".chart-table tbody tr")).toHaveCount(6);
  await expect(page.getByText(/On days you got out of the house, your mood was usually higher \(4\.0 compared with 3\.0/)).toBeVisible();
  await page.getByRole("radio", { name: "Last 3 months" }).check();
  await expect(page.getByRole("img", { name: /last 3 months/ })).toBeVisible();
});

test("exports to CSV and JSON, imports them without doubling, and a bad file changes nothing", async ({ page }) => {
  await onTheTestsToday(page);
  const diary = new DiaryPage(page);
  await diary.openReady();
  await diary.checkIn({ mood: "Okay", note: 'a "quoted", note', tags: ["Calm"] });
  await diary.checkIn({ mood: "Good", day: daysAgo(1) });
  await diary.section("Your data").click();
  await expect(page.getByText(/This browser (has agreed to keep your diary|may clear its storage)/)).toBeVisible();
  await expect(page.getByText("These files are not encrypted")).toBeVisible();
  const csvDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: "Save as CSV (spreadsheet)" }).click();
  const csvPath = (await (await csvDownload).path()) ?? "";
  const csv = readFileSync(csvPath, "utf8");
  expect(csv.split("\r\n")[0]).toBe("id,date,time,mood,mood_word,feelings,context,note,saved_at");
  expect(csv).toContain('"a ""quoted"", note"');
  const jsonDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: "Save as JSON" }).click();
  const jsonPath = (await (await jsonDownload).path()) ?? "";
  expect(JSON.parse(readFileSync(jsonPath, "utf8")).entries).toHaveLength(2);

  for (const file of [csvPath, jsonPath]) {
    await page.getByLabel("File to bring back").setInputFiles(file);
    await page.getByRole("button", { name: "Bring back check-ins" }).click();
    await expect(diary.status).toContainText("Brought back 0 new check-ins and updated 0. 2 were already here.");
  }
  expect(await diary.historyLines()).toHaveLength(2);

  await diary.section("Your data").click();
  await page.getByLabel("File to bring back").setInputFiles({
    name: "broken.csv",
    mimeType: "text/csv",
    // Row 2 is good and dated yesterday; rows 3 and 4 are not.
    buffer: Buffer.from(`id,date,time,mood,mood_word,feelings,context,note\r\nx1,${daysAgo(1)},09:00,3,Okay,,,fine\r\nx2,2026-13-01,09:00,3,Okay,,,\r\nx3,2026-11-02,09:00,9,Okay,,,\r\n`),
  });
  await page.getByRole("button", { name: "Bring back check-ins" }).click();
  const problems = page.locator(".import-problems");
  await expect(problems).toContainText("Nothing was changed.");
  await expect(problems).toContainText('Row 3, date: "2026-13-01" is not a date like 2026-11-30');
  await expect(problems).toContainText('Row 4, mood: "9" is not a mood from 1 to 5');
  expect(await diary.historyLines()).toHaveLength(2);
  expect(await storedRecords(diary), "the good row was not half-imported").toHaveLength(2);
});

test("an encrypted backup needs its passphrase, a wrong one changes nothing, and the right one brings everything back", async ({ page }) => {
  const diary = new DiaryPage(page);
  await diary.openReady();
  await diary.checkIn({ mood: "Good", note: "backup me" });
  await diary.section("Your data").click();
  // A PIN is too weak for a file that can be guessed at anywhere: refused, and said why.
  await page.getByLabel("Passphrase for the backup").fill("1234");
  await page.getByLabel("Type the passphrase again").fill("1234");
  await page.getByRole("button", { name: "Save encrypted backup" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "needs a passphrase of at least 12 characters" })).toBeVisible();
  await page.getByLabel("Passphrase for the backup").fill("correct horse");
  await page.getByLabel("Type the passphrase again").fill("correct horse");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Save encrypted backup" }).click();
  const path = (await (await download).path()) ?? "";
  const file = readFileSync(path, "utf8");
  expect(file).not.toContain("backup me");
  expect(JSON.parse(file)).toMatchObject({ format: "village-mood-backup", kdf: "PBKDF2-SHA256", iterations: 600000 });

  // Start again from nothing.
  await page.getByRole("button", { name: "Delete everything" }).click();
  await page.getByRole("button", { name: "Yes, delete my whole diary" }).click();
  await expect(diary.status).toContainText("Your diary has been deleted from this phone.");
  await page.getByRole("button", { name: "I understand, start my diary" }).click();
  expect(await diary.historyLines()).toHaveLength(0);

  await diary.section("Your data").click();
  await page.getByLabel("File to bring back").setInputFiles(path);
  await page.getByRole("button", { name: "Bring back check-ins" }).click();
  await expect(page.locator(".import-problems")).toContainText("This is an encrypted backup. Type its passphrase first.");
  await page.getByLabel("Passphrase for this backup").fill("wrong horse");
  await page.getByRole("button", { name: "Bring back check-ins" }).click();
  await expect(page.locator(".import-problems")).toContainText("That passphrase does not open this backup. Nothing was changed.");
  expect(await diary.historyLines()).toHaveLength(0);

  await diary.section("Your data").click();
  await page.getByLabel("File to bring back").setInputFiles(path);
  await page.getByLabel("Passphrase for this backup").fill("correct horse");
  await page.getByRole("button", { name: "Bring back check-ins" }).click();
  await expect(diary.status).toContainText("Brought back 1 new check-ins");
  await diary.section("History").click();
  await expect(page.getByText("backup me")).toBeVisible();
});

test("a PIN lock encrypts entries at rest, a wrong PIN loses nothing, and a forgotten one can only be wiped", async ({ page, context }) => {
  const diary = new DiaryPage(page);
  await diary.openReady();
  await diary.checkIn({ mood: "Okay", note: "secret words" });
  // The diary is open in a second tab too.
  const other = new DiaryPage(await context.newPage());
  await other.open();
  await other.section("History").click();
  await expect(other.page.getByText("secret words")).toBeVisible();
  await diary.section("Your data").click();
  await expect(page.getByText("If you forget it, nobody can open your diary")).toBeVisible();
  await page.getByLabel("New PIN or passphrase").fill("4826");
  await page.getByLabel("Type the PIN or passphrase again").fill("4826");
  await page.getByRole("button", { name: "Turn on the lock" }).click();
  await expect(diary.status).toContainText("The lock is on.");
  // The other tab hears of it and locks too, rather than writing unsealed entries.
  await expect(other.page.getByRole("heading", { name: "Your diary is locked" })).toBeVisible();
  await expect(other.page.getByText("secret words")).toHaveCount(0);
  await other.page.close();
  const stored = await storedRecords(diary);
  expect(stored).toHaveLength(1);
  expect(stored[0]).not.toContain("secret words");
  expect(stored[0]).toContain("sealed");

  await page.reload();
  await diary.waitUntilOpen();
  await expect(page.getByRole("heading", { name: "Your diary is locked" })).toBeVisible();
  await page.getByLabel("PIN or passphrase").fill("1111");
  await page.getByRole("button", { name: "Open my diary" }).click();
  await expect(page.getByText("That did not open the diary. Nothing has been lost.")).toBeVisible();
  await page.getByLabel("PIN or passphrase").fill("4826");
  await page.getByRole("button", { name: "Open my diary" }).click();
  await diary.section("History").click();
  await expect(page.getByText("secret words")).toBeVisible();

  // New check-ins are sealed too; "Lock now" closes the diary.
  await diary.checkIn({ mood: "Good", note: "more secret words" });
  expect((await storedRecords(diary)).join()).not.toContain("more secret");
  await diary.section("Your data").click();
  await page.getByRole("button", { name: "Lock now" }).click();
  await expect(page.getByRole("heading", { name: "Your diary is locked" })).toBeVisible();
  await expect(page.getByText("A forgotten PIN or passphrase cannot be recovered")).toBeVisible();
  await page.getByRole("button", { name: "Delete everything" }).click();
  await page.getByRole("button", { name: "Yes, delete my whole diary" }).click();
  await expect(page.getByRole("heading", { name: "Before you start: where your diary lives" })).toBeVisible();
  expect(await storedRecords(diary)).toEqual([]);
});

test("the printable summary holds the chosen days, with notes only when asked", async ({ page }) => {
  await onTheTestsToday(page);
  const diary = new DiaryPage(page);
  await diary.openReady();
  await diary.checkIn({ mood: "Low", note: "private note", day: daysAgo(2), tags: ["Slept badly"] });
  await diary.checkIn({ mood: "Good", day: daysAgo(40) });
  await diary.section("Your data").click();
  await page.evaluate(() => {
    window.print = () => undefined;
  });
  await page.emulateMedia({ media: "print" });
  const summary = page.locator(".print-summary");
  await expect(summary).toBeVisible();
  await expect(summary.getByRole("heading", { name: "My mood diary: summary" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Diary sections" })).toBeHidden();
  await expect(summary.locator("tbody tr")).toHaveCount(1);
  await expect(summary).toContainText("Low (2 of 5)");
  await expect(summary).toContainText("Slept badly");
  await expect(summary).not.toContainText("private note");
  await page.emulateMedia({ media: "screen" });
  await page.getByRole("checkbox", { name: "Include my notes" }).check();
  await page.getByLabel("From").fill(daysAgo(60));
  await page.emulateMedia({ media: "print" });
  await expect(summary.locator("tbody tr")).toHaveCount(2);
  await expect(summary).toContainText("private note");
  await page.emulateMedia({ media: "screen" });
  await expect(summary).toBeHidden();
});

test("entries survive a browser restart", async ({ playwright, baseURL }) => {
  const profile = mkdtempSync(join(tmpdir(), "village-profile-"));
  const launch = () =>
    playwright.chromium.launchPersistentContext(profile, { ...chromiumLaunch, baseURL }).then(async (context) => {
      await withTheRunnersClock(context);
      return context;
    });
  try {
    let context = await launch();
    let diary = new DiaryPage(context.pages()[0] ?? (await context.newPage()));
    await diary.openReady();
    await diary.checkIn({ mood: "Good", note: "kept through a restart" });
    await context.close();

    context = await launch();
    diary = new DiaryPage(context.pages()[0] ?? (await context.newPage()));
    await diary.open();
    await diary.section("History").click();
    await expect(diary.page.getByText("kept through a restart")).toBeVisible();
    await context.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});

test("the diary opens and saves with no signal after one visit", async ({ page, context }) => {
  await onTheTestsToday(page);
  const diary = new DiaryPage(page);
  await diary.shell.goto("/");
  await diary.shell.waitForHydration();
  await page.waitForFunction(async () => {
    await navigator.serviceWorker.ready;
    return navigator.serviceWorker.controller !== null;
  });
  await context.setOffline(true);
  // Never opened online: the worker kept the diary when it installed.
  await diary.shell.navLink("My mood").click();
  await diary.waitUntilOpen();
  await page.getByRole("button", { name: "I understand, start my diary" }).click();
  await diary.checkIn({ mood: "Okay", note: "written offline" });
  // The crisis card comes up for the lowest mood with no signal too.
  await diary.mood("Very low").check();
  await expect(diary.shell.crisisDialog).toBeVisible();
  await expect(diary.shell.crisisDialog.getByRole("link", { name: "Call Samaritans on 116 123" })).toBeVisible();
  await diary.shell.crisisDialog.getByRole("button", { name: "Close" }).click();
  await page.reload();
  await diary.waitUntilOpen();
  await diary.section("History").click();
  await expect(page.getByText("written offline")).toBeVisible();
  await context.setOffline(false);
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`every diary screen meets WCAG 2.2 AA in the ${colorScheme} theme`, async ({ page }) => {
    await onTheTestsToday(page);
    await page.emulateMedia({ colorScheme });
    const diary = new DiaryPage(page);
    const check = async (screen: string) => {
      const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
      expect(results.violations, screen).toEqual([]);
    };
    await diary.open();
    await expect(page.getByRole("button", { name: "I understand, start my diary" })).toBeVisible();
    await check("intro");
    await page.getByRole("button", { name: "I understand, start my diary" }).click();
    await diary.tag("Scary or unwanted thoughts").check();
    await check("check-in");
    await diary.checkIn({ mood: "Low", day: daysAgo(1), tags: ["Got out of the house"] });
    await diary.section("History").click();
    await page.getByText("Show as a table").click();
    await check("history");
    await diary.checkIn({ mood: "Low", day: daysAgo(2) });
    await diary.checkIn({ mood: "Low", day: daysAgo(3) });
    await diary.section("Check in").click();
    await expect(page.getByRole("complementary", { name: "The last few days sound hard" })).toBeVisible();
    await check("check-in with the bridge");
    await diary.section("Self-check").click();
    await check("self-check");
    for (const group of await page.locator("fieldset.question:not([hidden])").all()) await group.getByRole("radio", { name: "No" }).check();
    await page.getByRole("button", { name: "See what this means" }).click();
    await expect(page.getByRole("heading", { name: "What your answers mean" })).toBeVisible();
    await check("self-check guidance");
    await diary.section("Your data").click();
    await check("your data");
    await page.getByLabel("File to bring back").setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from("not,a,diary\n") });
    await page.getByRole("button", { name: "Bring back check-ins" }).click();
    await expect(page.locator(".import-problems")).toContainText("Nothing was changed.");
    await check("import problems");
    await page.getByRole("button", { name: "Delete everything" }).click();
    await expect(page.getByRole("button", { name: "Yes, delete my whole diary" })).toBeFocused();
    await check("delete confirmation");
    await page.getByRole("button", { name: "No, keep my diary" }).click();
    await expect(page.getByRole("button", { name: "Delete everything" })).toBeFocused();
    await page.getByLabel("New PIN or passphrase").fill("8642");
    await page.getByLabel("Type the PIN or passphrase again").fill("8642");
    await page.getByRole("button", { name: "Turn on the lock" }).click();
    await expect(diary.status).toContainText("The lock is on.");
    await page.getByRole("button", { name: "Lock now" }).click();
    await page.getByLabel("PIN or passphrase").fill("0000");
    await page.getByRole("button", { name: "Open my diary" }).click();
    await expect(page.getByText("That did not open the diary.")).toBeVisible();
    await check("locked, after a wrong PIN");
  });
}
