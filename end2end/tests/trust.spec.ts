import AxeBuilder from "@axe-core/playwright";
import { test, expect } from "./fixtures";
import { Shell } from "../pages/shell";

const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

test("the diary's first screen leads to the privacy notice in one tap, and every page's footer to both notices", async ({ page }) => {
  const shell = new Shell(page);
  await shell.goto("/mood");
  await shell.waitForHydration();
  await page.getByRole("link", { name: "Everything Village keeps, and where" }).click();
  await expect(page).toHaveURL(/\/privacy$/);
  await expect(page.getByRole("heading", { level: 1, name: "Privacy: what Village keeps, and where" })).toBeVisible();
  await expect(page.getByText("village_area remembers the area you chose")).toBeVisible();

  await shell.goto("/?area=sample-riverside");
  const footer = page.getByRole("contentinfo");
  const accessibility = footer.getByRole("link", { name: "Accessibility" });
  // Reached with the keyboard, the link is not hidden under the fixed navigation.
  await accessibility.focus();
  const link = await accessibility.boundingBox();
  const nav = await shell.nav.boundingBox();
  expect(link && nav && link.y + link.height <= nav.y).toBe(true);
  await accessibility.click();
  await expect(page.getByRole("heading", { level: 1, name: "Accessibility statement" })).toBeVisible();
  await expect(footer.getByRole("link", { name: "Privacy" })).toHaveAttribute("href", "/privacy");
});

test("a parent tells us a group's time is wrong on a phone, with no account, and the page says it may be out of date", async ({ page }) => {
  const shell = new Shell(page);
  await shell.goto("/groups/sample-twins");
  const form = page.getByRole("region", { name: "Tell us something is wrong" });
  // Nothing chosen: told what to choose, beside the choices.
  await form.getByRole("button", { name: "Send" }).click();
  await expect(page).toHaveURL(/report=no-problem/);
  await expect(page.getByRole("group", { name: "What is wrong?" })).toHaveAccessibleDescription("Please choose what is wrong.");
  expect((await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze()).violations).toEqual([]);

  await page.getByRole("radio", { name: "The day or time is wrong" }).check();
  await page.getByLabel("Anything else we should know (optional)").fill("It is on Wednesdays now");
  await page.getByRole("region", { name: "Tell us something is wrong" }).getByRole("button", { name: "Send" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Thank you. The organisers will check it." })).toBeVisible();
  await expect(page.getByRole("note").filter({ hasText: "Someone has told us this may be out of date." })).toBeVisible();
  expect((await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze()).violations).toEqual([]);
});
