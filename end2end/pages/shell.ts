import { expect, type Locator, type Page } from "@playwright/test";

/** The frame around every page: header, "Need help now?", bottom navigation. */
export class Shell {
  readonly needHelp: Locator;
  readonly nav: Locator;
  readonly crisisDialog: Locator;

  constructor(readonly page: Page) {
    this.needHelp = page.getByRole("banner").getByRole("link", { name: "Need help now?" });
    this.nav = page.getByRole("navigation", { name: "Main" });
    this.crisisDialog = page.getByRole("dialog", { name: "Need help now?" });
  }

  async goto(path: string) {
    return this.page.goto(path);
  }

  /** Waits until the islands have hydrated (the app marks the moment). */
  async waitForHydration() {
    await this.page.waitForFunction(() => performance.getEntriesByName("hydrated").length > 0);
  }

  navLink(name: "This week" | "My mood" | "Who can help") {
    return this.nav.getByRole("link", { name });
  }

  heading() {
    return this.page.getByRole("heading", { level: 1 });
  }

  async expectOn(path: string, heading: string) {
    await expect(this.page).toHaveURL(path);
    await expect(this.heading()).toHaveText(heading);
  }
}
