import AxeBuilder from "@axe-core/playwright";
import { test, expect } from "./fixtures";
import { Shell } from "../pages/shell";

const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];
const PAGES = ["/", "/?area=sample-riverside", "/?area=sample-riverside&week=2026-12-21&when=morning", "/groups/sample-tuesday-talk", "/mood", "/help", "/help?area=sample-riverside&q=feeding&self=1", "/help/sample-perinatal-peer-line", "/help/sample-perinatal-mental-health-team", "/help/what-happens", "/help/worried-about-someone", "/my-groups", "/need-help-now", "/offline", "/privacy", "/accessibility", "/no-such-page"];

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`WCAG 2.2 AA in the ${colorScheme} theme`, () => {
    test.use({ colorScheme });

    for (const path of PAGES) {
      test(`${path} has no violations`, async ({ page }) => {
        const shell = new Shell(page);
        await shell.goto(path);
        await shell.waitForHydration();
        const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
        expect(results.violations).toEqual([]);
      });
    }

    test("the open crisis dialog has no violations", async ({ page }) => {
      const shell = new Shell(page);
      await shell.goto("/");
      await shell.waitForHydration();
      await shell.needHelp.click();
      await page.getByRole("dialog").getByRole("button", { name: "Add their numbers" }).click();
      const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
      expect(results.violations).toEqual([]);
    });
  });
}
