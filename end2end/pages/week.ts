import { expect, type Locator, type Page } from "@playwright/test";

/** The home page once an area is chosen: the week, its notices and filters. */
export class Week {
  readonly range: Locator;
  readonly breakNotice: Locator;
  readonly filters: Locator;

  constructor(readonly page: Page) {
    this.range = page.getByRole("navigation", { name: "Weeks" });
    this.breakNotice = page.getByRole("region", { name: "School holidays" });
    this.filters = page.locator("details.filters");
  }

  day(heading: string) {
    return this.page.getByRole("region", { name: heading });
  }

  session(day: Locator, title: string) {
    return day.getByRole("listitem").filter({ has: this.page.getByRole("heading", { name: title }) });
  }

  async expectWeek(range: string) {
    await expect(this.range).toContainText(range);
  }

  async openFilters() {
    if (!(await this.filters.evaluate((el) => (el as HTMLDetailsElement).open))) {
      await this.filters.getByText("Filter groups").click();
    }
  }
}
