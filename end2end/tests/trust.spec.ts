import { test, expect } from "./fixtures";
import { Shell } from "../pages/shell";

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
