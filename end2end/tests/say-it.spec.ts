import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { DiaryPage, daysAgo, onTheTestsToday } from "../pages/diary";
import { expectNeverOnTheServer } from "../pages/privacy";

const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

/** Five low, anxious days and two good days after going to a group. */
async function aHardFortnight(diary: DiaryPage) {
  for (const [ago, mood] of [[7, "Very low"], [6, "Low"], [5, "Low"], [3, "Very low"], [1, "Low"]] as const) {
    if (mood === "Very low") {
      // The crisis card comes up by itself; closing it keeps the check-in.
      await diary.section("Check in").click();
      await diary.mood(mood).check();
      await expect(diary.shell.crisisDialog).toBeVisible();
      await diary.shell.crisisDialog.getByRole("button", { name: "Close" }).click();
      await diary.tag("Anxious").check();
      await diary.openWhen();
      await diary.page.getByLabel("Day", { exact: true }).fill(daysAgo(ago));
      await diary.save().click();
      await expect(diary.status).toContainText("Saved on this phone.");
    } else {
      await diary.checkIn({ mood, day: daysAgo(ago), tags: ["Anxious"] });
    }
  }
  for (const ago of [4, 2]) await diary.checkIn({ mood: "Good", day: daysAgo(ago), tags: ["Went to a group"] });
}

function sentences(page: Page) {
  return page.locator(".say-sentence textarea");
}

async function draftFor(page: Page, who: string) {
  await page.getByRole("radio", { name: who, exact: true }).check();
  await page.getByRole("button", { name: /^Draft (my words|again)$/ }).click();
  await expect(page.getByRole("heading", { name: "Your words" })).toBeVisible();
}

/** Everything the diary keeps in IndexedDB, as raw stored text. */
async function storedNotes(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open("village-diary");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction("notes", "readonly").objectStore("notes").getAll();
          all.onsuccess = () => {
            resolve(all.result as string[]);
            open.result.close();
          };
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

test("the GP draft says in counts and words what the check-ins say; each sentence can be changed or removed, then copied, printed and saved", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await onTheTestsToday(page);
  const diary = new DiaryPage(page);
  await diary.openReady();
  await aHardFortnight(diary);

  await diary.section("Help me say it").click();
  await draftFor(page, "My GP");
  const words = (await sentences(page).evaluateAll((all) => all.map((t) => (t as HTMLTextAreaElement).value))).join("\n");
  expect(words).toContain("In the last 2 weeks I noted my mood on 7 days: 5 of them were low days. On 2 of those low days I felt very low.");
  expect(words).toContain("The feeling that came up most was anxious (on 5 days).");
  expect(words).toContain("Something that seemed to help was going to a group: on the 2 days I went to a group, my mood was better than on the other days.");
  expect(words).not.toMatch(/depression|diagnos|score/i);

  // The partner's wording is different: no counts of feelings.
  await draftFor(page, "My partner or someone close");
  await expect(sentences(page).nth(1)).toHaveValue("Over the last 2 weeks, 5 of the 7 days I noted down were low ones.");
  await expect(sentences(page).last()).toHaveValue("I'm telling you because I trust you.");

  // Back to the GP, with a wish: change the first sentence, remove the third.
  await page.getByRole("radio", { name: "My GP", exact: true }).check();
  await page.getByRole("checkbox", { name: "I'd like to be referred" }).check();
  await draftFor(page, "My GP");
  const before = await sentences(page).count();
  await page.getByRole("textbox", { name: "Sentence 1" }).fill("I find it hard to say this out loud, so I wrote it down.");
  const removed = await page.getByRole("textbox", { name: "Sentence 3" }).inputValue();
  await page.getByRole("button", { name: "Remove sentence 3" }).click();
  await expect(sentences(page)).toHaveCount(before - 1);
  await page.getByRole("button", { name: "Add a sentence of my own" }).click();
  await page.getByRole("textbox", { name: `Sentence ${before}` }).fill("Mornings are the hardest.");

  await page.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(diary.status).toHaveText("Copied. You can paste it into a message, an email or a form.");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.startsWith("I find it hard to say this out loud, so I wrote it down.\n\nIn the last 2 weeks")).toBe(true);
  expect(copied).toContain("I'd like to be referred for support with my mental health, please.");
  expect(copied.endsWith("Mornings are the hardest.")).toBe(true);
  expect(copied).not.toContain(removed);

  // Printing gives one page with only the words.
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed += 1;
    };
  });
  await page.getByRole("button", { name: "Print or save as PDF" }).click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  await page.emulateMedia({ media: "print" });
  const printed = page.locator(".print-summary");
  await expect(printed).toBeVisible();
  await expect(printed.getByRole("heading", { name: "For my GP" })).toBeVisible();
  await expect(printed).toContainText("Mornings are the hardest.");
  await expect(printed).not.toContainText(removed);
  await expect(page.getByRole("navigation", { name: "Diary sections" })).toBeHidden();
  await page.emulateMedia({ media: "screen" });
  await expect(printed).toBeHidden();

  // Saved, it lives in the diary and comes back after a reload.
  await page.getByRole("button", { name: "Save this draft" }).click();
  await expect(diary.status).toHaveText("Draft saved in your diary, on this phone only.");
  await page.reload();
  await diary.waitUntilOpen();
  await diary.section("Help me say it").click();
  await expect(page.getByText("My GP – 7 December 2026")).toBeVisible();
  await page.getByRole("button", { name: /^Use this draft/ }).click();
  await expect(sentences(page).last()).toHaveValue("Mornings are the hardest.");
  await page.getByRole("button", { name: /^Delete/ }).click();
  await expect(diary.status).toHaveText("Draft deleted.");
  expect(await storedNotes(page)).toEqual([]);
});

test("where the phone has a share sheet, Share hands it the words, and Village asks the server for nothing", async ({ page, context }) => {
  await page.addInitScript(() => {
    const shared: unknown[] = [];
    (window as unknown as { shared: unknown[] }).shared = shared;
    Object.defineProperty(navigator, "share", {
      value: (data: unknown) => {
        shared.push(data);
        return Promise.resolve();
      },
    });
  });
  await onTheTestsToday(page);
  const diary = new DiaryPage(page);
  await diary.openReady();
  await diary.checkIn({ mood: "Low", tags: ["Tired"] });
  await diary.section("Help me say it").click();
  await draftFor(page, "My partner or someone close");
  const requests: string[] = [];
  context.on("request", (request) => requests.push(request.url()));
  await page.getByRole("button", { name: "Share", exact: true }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { shared: { title: string; text: string }[] }).shared)).toEqual([
    { title: "Help me say it", text: expect.stringContaining("Over the last 2 weeks, the day I noted down was a low one.") },
  ]);
  expect(requests).toEqual([]);
});

test("without a share sheet there is no Share button", async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, "share", { value: undefined });
  });
  const diary = new DiaryPage(page);
  await diary.openReady();
  await diary.checkIn({ mood: "Low" });
  await diary.section("Help me say it").click();
  await draftFor(page, "My GP");
  await expect(page.getByRole("button", { name: "Copy", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Share", exact: true })).toHaveCount(0);
});

test("a period with no check-ins drafts nothing and says so kindly", async ({ page }) => {
  await onTheTestsToday(page);
  const diary = new DiaryPage(page);
  await diary.openReady();
  await diary.checkIn({ mood: "Low", day: daysAgo(40) });
  await diary.section("Help me say it").click();
  await draftFor(page, "My health visitor or midwife");
  await expect(page.getByText("You have no check-ins from 24 November 2026 to 7 December 2026, so there is nothing to draft from yet.")).toBeVisible();
  await expect(sentences(page)).toHaveCount(0);
  await page.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(diary.status).toHaveText("There are no sentences left. Add one of your own, or draft again.");
  // Since a chosen day reaches the old check-in.
  await page.getByRole("radio", { name: "Since a day I choose" }).check();
  await page.getByLabel("Since", { exact: true }).fill(daysAgo(60));
  await page.getByRole("button", { name: "Draft again" }).click();
  await expect(sentences(page).nth(1)).toHaveValue(/^Since \d+ October 2026 I have noted my mood on 1 day, and it has been a low day\.$/);
});

test("the self-check answers are added only when the person chooses", async ({ page }) => {
  await onTheTestsToday(page);
  const diary = new DiaryPage(page);
  await diary.openReady();
  await diary.checkIn({ mood: "Low" });
  await diary.section("Help me say it").click();
  await expect(page.getByText("You can add your self-check answers too")).toBeVisible();
  await diary.section("Self-check").click();
  for (const [i, answer] of ["Yes", "No", "Yes", "No", "No", "No"].entries()) {
    await page.locator(".self-check fieldset").nth(i).getByRole("radio", { name: answer }).check();
  }
  await page.getByRole("button", { name: "See what this means" }).click();
  await diary.section("Help me say it").click();
  await draftFor(page, "My GP");
  const without = await sentences(page).evaluateAll((all) => all.map((t) => (t as HTMLTextAreaElement).value).join(" "));
  expect(without).not.toContain("self-check");
  await page.getByRole("checkbox", { name: "Include my self-check answers from today" }).check();
  await page.getByRole("button", { name: "Draft again" }).click();
  await expect
    .poll(() => sentences(page).evaluateAll((all) => all.map((t) => (t as HTMLTextAreaElement).value).join(" ")))
    .toContain("When I answered the self-check questions about the past month, I said that I have often felt down, depressed or hopeless. I said that I would like help with this.");
  // The self-check answers are forgotten when the diary locks (memory only).
  await diary.section("Your data").click();
  await page.getByLabel("New PIN or passphrase").fill("135790");
  await page.getByLabel("Type the PIN or passphrase again").fill("135790");
  await page.getByRole("button", { name: "Turn on the lock" }).click();
  await expect(diary.status).toContainText("The lock is on.");
  await page.getByRole("button", { name: "Lock now" }).click();
  await page.getByLabel("PIN or passphrase").fill("135790");
  await page.getByRole("button", { name: "Open my diary" }).click();
  await diary.section("Help me say it").click();
  await expect(page.getByText("You can add your self-check answers too")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Your words" })).toHaveCount(0);
});

test("About me is filled in once, printed with the saved numbers, kept through a reload, the lock, offline and a backup", async ({ page, context }) => {
  await onTheTestsToday(page);
  const diary = new DiaryPage(page);
  await diary.openReady();
  await diary.section("About me").click();
  await page.getByLabel("What I want people to know").fill("I look fine, but mornings are very hard.");
  await page.getByLabel("Medicines I take").fill("None");
  await page.getByRole("textbox", { name: "Midwife", exact: true }).fill("0113 496 0000");
  await page.getByRole("button", { name: "Save About me" }).click();
  await expect(diary.status).toHaveText("About me is saved on this phone.");

  // A bad number is named and nothing is saved.
  await page.getByRole("textbox", { name: "GP surgery", exact: true }).fill("12");
  await page.getByRole("button", { name: "Save About me" }).click();
  await expect(page.getByText("Nothing was saved: please check the numbers marked below.")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "GP surgery", exact: true })).toHaveAttribute("aria-invalid", "true");
  expect(await page.evaluate(() => localStorage.getItem("village.my-contacts.v1.gp"))).toBeNull();
  await page.getByRole("textbox", { name: "GP surgery", exact: true }).fill("");

  // The crisis card shows the same midwife number.
  await diary.shell.needHelp.click();
  await expect(diary.shell.crisisDialog.getByRole("link", { name: "Call your midwife on 0113 496 0000" })).toBeVisible();
  await diary.shell.crisisDialog.getByRole("button", { name: "Close" }).click();

  await page.emulateMedia({ media: "print" });
  const printed = page.locator(".print-summary");
  await expect(printed).toContainText("I look fine, but mornings are very hard.");
  await expect(printed).toContainText("0113 496 0000");
  await expect(printed).not.toContainText("What helps");
  await page.emulateMedia({ media: "screen" });

  await page.reload();
  await diary.waitUntilOpen();
  await diary.section("About me").click();
  await expect(page.getByLabel("What I want people to know")).toHaveValue("I look fine, but mornings are very hard.");

  // Locked, it is sealed in storage; unlocked, it is back.
  await diary.section("Your data").click();
  await page.getByLabel("New PIN or passphrase").fill("246810");
  await page.getByLabel("Type the PIN or passphrase again").fill("246810");
  await page.getByRole("button", { name: "Turn on the lock" }).click();
  await expect(diary.status).toContainText("The lock is on.");
  const sealed = (await storedNotes(page)).join("\n");
  expect(sealed).toContain("sealed");
  expect(sealed).not.toContain("mornings are very hard");
  await page.getByRole("button", { name: "Lock now" }).click();
  await page.getByLabel("PIN or passphrase").fill("246810");
  await page.getByRole("button", { name: "Open my diary" }).click();
  await diary.section("About me").click();
  await expect(page.getByLabel("What I want people to know")).toHaveValue("I look fine, but mornings are very hard.");

  // With no signal, the diary page the worker kept still opens it.
  await page.waitForFunction(async () => (await navigator.serviceWorker.ready) && navigator.serviceWorker.controller !== null);
  await page.reload();
  await diary.waitUntilOpen();
  await context.setOffline(true);
  const response = await page.reload();
  expect(response?.headers()["x-village-from"]).toBe("cache");
  await diary.waitUntilOpen();
  await page.getByLabel("PIN or passphrase").fill("246810");
  await page.getByRole("button", { name: "Open my diary" }).click();
  await diary.section("About me").click();
  await expect(page.getByLabel("What I want people to know")).toHaveValue("I look fine, but mornings are very hard.");
  await context.setOffline(false);

  // A draft saved while locked is sealed too.
  await diary.checkIn({ mood: "Low" });
  await diary.section("Help me say it").click();
  await draftFor(page, "My health visitor or midwife");
  await page.getByRole("button", { name: "Save this draft" }).click();
  await expect(diary.status).toHaveText("Draft saved in your diary, on this phone only.");
  const sealedNow = await storedNotes(page);
  expect(sealedNow).toHaveLength(2);
  for (const record of sealedNow) expect(record).toMatch(/^\{"sealed":/);

  // Turning the lock off keeps both readable, in storage and on screen.
  await diary.section("Your data").click();
  await page.getByRole("button", { name: "Turn off the lock" }).click();
  await expect(diary.status).toHaveText("The lock is off.");
  const open = (await storedNotes(page)).join("\n");
  expect(open).toContain("mornings are very hard");
  expect(open).toContain("and it was a low day.");
  await page.reload();
  await diary.waitUntilOpen();
  await diary.section("About me").click();
  await expect(page.getByLabel("What I want people to know")).toHaveValue("I look fine, but mornings are very hard.");

  // An encrypted backup brings them back after everything is deleted.
  await diary.section("Your data").click();
  await page.getByLabel("Passphrase for the backup").fill("about me backup");
  await page.getByLabel("Type the passphrase again").fill("about me backup");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Save encrypted backup" }).click();
  const backup = (await (await download).path()) ?? "";
  await page.getByRole("button", { name: "Delete everything" }).click();
  await page.getByRole("button", { name: "Yes, delete my whole diary" }).click();
  await expect(page.getByRole("button", { name: "I understand, start my diary" })).toBeVisible();
  expect(await storedNotes(page)).toEqual([]);
  await page.getByRole("button", { name: "I understand, start my diary" }).click();
  await diary.section("Your data").click();
  await page.getByLabel("File to bring back").setInputFiles(backup);
  await page.getByLabel("Passphrase for this backup").fill("about me backup");
  await page.getByRole("button", { name: "Bring back check-ins" }).click();
  await expect(diary.status).toContainText("Brought back");
  await diary.section("About me").click();
  await expect(page.getByLabel("What I want people to know")).toHaveValue("I look fine, but mornings are very hard.");
  await diary.section("Help me say it").click();
  await expect(page.getByText("My health visitor or midwife – 7 December 2026")).toBeVisible();
});

test("from a service that takes self-referrals, Help me say it drafts the form's words and then offers the service's own number", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await onTheTestsToday(page);
  const diary = new DiaryPage(page);
  await diary.openReady();
  await diary.checkIn({ mood: "Low", tags: ["Anxious"] });
  // The directory is saved on the phone when it is opened.
  await page.goto("/help?area=sample-riverside");
  await expect(page.getByText(/^Saved for offline · updated/)).toBeVisible({ timeout: 15_000 });
  await page.goto("/help/sample-perinatal-peer-line");
  await page.getByRole("link", { name: "Help me say it" }).click();
  await diary.waitUntilOpen();
  await expect(page.getByRole("heading", { name: "Help me say it", level: 2 })).toBeVisible();
  await expect(page.getByRole("radio", { name: "A self-referral form" })).toBeChecked();
  await page.getByRole("button", { name: "Draft my words" }).click();
  await expect(sentences(page).first()).toHaveValue("I'd like some support with how I've been feeling.");
  await page.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(page.getByText("Now paste your words into the service's form or message, or call them:")).toBeVisible();
  await expect(page.getByRole("link", { name: "Call Perinatal Peer Line on 020 7946 0123" })).toHaveAttribute("href", "tel:02079460123");
});

test("a crafted link to the diary opens Help me say it but links only to Village's own page for the service", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const diary = new DiaryPage(page);
  await diary.openReady();
  await diary.checkIn({ mood: "Low" });
  for (const [link, back] of [
    ["/mood#say=self-referral&service=https://evil.example/x", false],
    ["/mood#say=nobody&service=no-such-service", true],
  ] as const) {
    await page.goto("/"); // a new document each time, not a jump within /mood
    await page.goto(link);
    await diary.waitUntilOpen();
    await expect(page.getByRole("heading", { name: "Help me say it", level: 2 })).toBeVisible();
    await expect(page.getByRole("radio", { name: "A self-referral form" })).toBeChecked({ checked: link.includes("self-referral") });
    await page.getByRole("button", { name: "Draft my words" }).click();
    await page.getByRole("button", { name: "Copy", exact: true }).click();
    await expect(diary.status).toContainText("Copied.");
    const links = await page.locator(".say-it a").evaluateAll((all) => all.map((a) => a.getAttribute("href")));
    expect(links.every((href) => href?.startsWith("/")), links.join(" ")).toBe(true);
    await expect(page.getByRole("link", { name: "Back to the service, to use its form or number" })).toHaveCount(back ? 1 : 0);
    if (back) await expect(page.getByRole("link", { name: "Back to the service, to use its form or number" })).toHaveAttribute("href", "/help/no-such-service");
  }
});

test("the fears have plain answers, and someone worried about another person has a way in", async ({ page }) => {
  await page.goto("/help/what-happens");
  for (const question of ["Will I be put on a list or a record?", "Am I ill enough to ask?", "What if I look fine?", "What if it's my partner who is struggling, or me as a dad?"]) {
    await expect(page.getByRole("heading", { name: question })).toBeVisible();
  }
  await page.goto("/help");
  await page.getByRole("link", { name: "I'm worried about someone" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("I'm worried about someone");
  await expect(page.getByRole("heading", { name: "Signs to look for" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Starting the conversation" })).toBeVisible();
  await page.getByRole("link", { name: "Need help now?" }).last().click();
  await expect(page).toHaveURL(/\/need-help-now$/);
});

test("words typed in a draft and in About me never leave the phone: not in any request, the server's log or its database", async ({ page, context }) => {
  const canary = `canary-${Date.now()}-${Math.random().toString(36).slice(2)}`; // real time: only to make the canary unique
  const seen: Promise<string>[] = [];
  context.on("request", (request) => {
    seen.push(request.allHeaders().then((headers) => [request.url(), JSON.stringify(headers), request.postData() ?? ""].join("\n")));
  });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const diary = new DiaryPage(page);
  await diary.openReady();
  await diary.checkIn({ mood: "Low" });
  await diary.section("Help me say it").click();
  await draftFor(page, "My GP");
  await page.getByRole("button", { name: "Add a sentence of my own" }).click();
  await sentences(page).last().fill(`Draft ${canary}`);
  await page.getByRole("button", { name: "Copy", exact: true }).click();
  await page.evaluate(() => {
    window.print = () => undefined;
  });
  await page.getByRole("button", { name: "Print or save as PDF" }).click();
  await page.getByRole("button", { name: "Save this draft" }).click();
  await diary.section("About me").click();
  await page.getByLabel("What helps").fill(`About ${canary}`);
  await page.getByRole("button", { name: "Save About me" }).click();
  await expect(diary.status).toHaveText("About me is saved on this phone.");
  await page.reload();
  await diary.waitUntilOpen();
  await diary.section("About me").click();
  await expect(page.getByLabel("What helps")).toHaveValue(`About ${canary}`);

  expectNeverOnTheServer(await Promise.all(seen), canary);
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`Help me say it and About me meet WCAG 2.2 AA in the ${colorScheme} theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await onTheTestsToday(page);
    const diary = new DiaryPage(page);
    await diary.openReady();
    await diary.checkIn({ mood: "Low", tags: ["Anxious"] });
    await diary.section("Help me say it").click();
    await draftFor(page, "My GP");
    await page.getByRole("button", { name: "Save this draft" }).click();
    await expect(page.getByRole("heading", { name: "Saved drafts" })).toBeVisible();
    expect((await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze()).violations).toEqual([]);
    await diary.section("About me").click();
    await page.getByRole("textbox", { name: "GP surgery", exact: true }).fill("12");
    await page.getByRole("button", { name: "Save About me" }).click();
    await expect(page.getByText("Nothing was saved")).toBeVisible();
    expect((await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze()).violations).toEqual([]);
    await page.goto("/help/worried-about-someone");
    expect((await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze()).violations).toEqual([]);
  });
}
