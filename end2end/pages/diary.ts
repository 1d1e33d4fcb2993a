import { expect, type Locator, type Page } from "@playwright/test";
import { movePageClock } from "./browser";
import { Shell } from "./shell";

export type MoodWord = "Very low" | "Low" | "Okay" | "Good" | "Very good";

/** My mood: the private diary at /mood. */
export class DiaryPage {
  readonly shell: Shell;
  readonly status: Locator;

  constructor(readonly page: Page) {
    this.shell = new Shell(page);
    this.status = page.locator(".diary-status");
  }

  /** Opens the diary and waits until it has read the phone's storage (its
   *  island loads its own code after the page hydrates). */
  async open() {
    await this.shell.goto("/mood");
    await this.waitUntilOpen();
  }

  async waitUntilOpen() {
    await expect(this.page.locator(".diary")).toBeVisible();
    await expect(this.page.getByText("Opening your diary…")).toHaveCount(0, { timeout: 15_000 });
  }

  /** Opens the diary and accepts the privacy note if it is shown. */
  async openReady() {
    await this.open();
    const start = this.page.getByRole("button", { name: "I understand, start my diary" });
    const form = this.page.getByRole("group", { name: "Your mood" });
    await expect(start.or(form)).toBeVisible();
    if (await start.isVisible()) await start.click();
    await expect(form).toBeVisible();
  }

  section(name: "Check in" | "History" | "Self-check" | "Help me say it" | "About me" | "Your data") {
    return this.page.getByRole("navigation", { name: "Diary sections" }).getByRole("button", { name });
  }

  mood(word: MoodWord) {
    return this.page.getByRole("group", { name: "Your mood" }).getByRole("radio", { name: word, exact: true });
  }

  tag(name: string) {
    return this.page.getByRole("checkbox", { name, exact: true });
  }

  note() {
    return this.page.getByLabel("A note, just for you (optional)");
  }

  save() {
    return this.page.getByRole("button", { name: /^Save( changes)?$/ });
  }

  async checkIn(options: { mood: MoodWord; note?: string; day?: string; time?: string; tags?: string[] }) {
    await this.section("Check in").click();
    await this.mood(options.mood).check();
    for (const tag of options.tags ?? []) await this.tag(tag).check();
    if (options.note) await this.note().fill(options.note);
    if (options.day || options.time) {
      await this.openWhen();
      if (options.day) await this.page.getByLabel("Day", { exact: true }).fill(options.day);
      if (options.time) await this.page.getByLabel("Time", { exact: true }).fill(options.time);
    }
    await this.save().click();
    await expect(this.status).toContainText("Saved on this phone.");
  }

  /** Opens "When" (the day and time) unless it is already open. */
  async openWhen() {
    const when = this.page.locator("details.when");
    if ((await when.getAttribute("open")) === null) await when.locator("summary").click();
  }

  /** The check-ins listed in History, as "HH:MM Mood" lines. */
  async historyLines(): Promise<string[]> {
    await this.section("History").click();
    const entries = this.page.locator(".diary-entry .entry-mood");
    return (await entries.allInnerTexts()).map((t) => t.replace(/\s+/g, " ").trim());
  }

  /** The days shown in History, as headings. */
  dayHeadings() {
    return this.page.locator(".diary-day h3");
  }
}

/** The tests' today, as the suite's server has it (VILLAGE_TODAY): a Monday in term time. */
export const TODAY = "2026-12-07";

/**
 * Moves the phone's clock to 10 in the morning of the tests' today, before any
 * page script runs; time then runs on.
 */
export async function onTheTestsToday(page: Page) {
  await movePageClock(page, new Date(`${TODAY}T10:00:00Z`).getTime());
}

/** A date `days` before the tests' today, as YYYY-MM-DD. */
export function daysAgo(days: number): string {
  const d = new Date(`${TODAY}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}
