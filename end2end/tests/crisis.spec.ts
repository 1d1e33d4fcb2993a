import { test, expect, watchForeignRequests } from "./fixtures";
import { Shell } from "../pages/shell";
import { CrisisCard } from "../pages/crisis";

test.describe("Need help now?", () => {
  for (const path of ["/", "/mood", "/help", "/no-such-page"]) {
    test(`opens as a dialog in one tap from ${path} once hydrated`, async ({ page }) => {
      const shell = new Shell(page);
      await shell.goto(path);
      await shell.waitForHydration();
      await shell.needHelp.click();
      await expect(shell.crisisDialog).toBeVisible();
      // A dialog, not a page change: whatever the person was doing is still there.
      expect(new URL(page.url()).pathname).toBe(path);
      await new CrisisCard(shell.crisisDialog).expectEveryRouteToHelp();
      await shell.crisisDialog.getByRole("button", { name: "Close" }).click();
      await expect(shell.crisisDialog).toBeHidden();
      await expect(shell.needHelp).toBeFocused();
    });
  }

  test("Escape closes the dialog", async ({ page }) => {
    const shell = new Shell(page);
    await shell.goto("/");
    await shell.waitForHydration();
    await shell.needHelp.click();
    await expect(shell.crisisDialog).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(shell.crisisDialog).toBeHidden();
  });

  test("works with no script at all, as its own page", async ({ browser, baseURL, foreignRequests }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    watchForeignRequests(context, baseURL, foreignRequests);
    const page = await context.newPage();
    const shell = new Shell(page);
    await shell.goto("/help");
    await shell.needHelp.click();
    await expect(page).toHaveURL("/need-help-now");
    await expect(shell.heading()).toHaveText("Need help now?");
    await new CrisisCard(page.getByRole("main")).expectEveryRouteToHelp();
    await context.close();
  });

  test("keeps my midwife's number on this phone, and refuses a bad one without losing anything", async ({ page }) => {
    const shell = new Shell(page);
    await shell.goto("/need-help-now");
    await shell.waitForHydration();
    const card = new CrisisCard(page.getByRole("main"));

    await card.root.getByRole("button", { name: "Add their numbers" }).click();
    await card.field("Midwife").fill("0113 496 0000");
    await card.root.getByRole("button", { name: "Save on this phone" }).click();
    await expect(card.root.getByRole("status")).toHaveText("Saved on this phone.");
    await expect(card.root.getByRole("link", { name: "Call your midwife on 0113 496 0000" })).toHaveAttribute(
      "href",
      "tel:01134960000",
    );

    // A bad number: a clear message on that field, and nothing changes.
    await card.root.getByRole("button", { name: "Change their numbers" }).click();
    await card.field("Midwife").fill("0113 496 1111");
    await card.field("GP surgery").fill("ring the surgery");
    await card.root.getByRole("button", { name: "Save on this phone" }).click();
    await expect(card.root.getByRole("status")).toHaveText("Nothing was saved. Please check the numbers marked below.");
    await expect(card.field("GP surgery")).toHaveAttribute("aria-invalid", "true");
    await expect(card.root.getByText("A phone number can only have digits")).toBeVisible();

    // Still the first number, after a reload too, and in the header's dialog.
    await page.reload();
    await shell.waitForHydration();
    await expect(card.root.getByRole("link", { name: "Call your midwife on 0113 496 0000" })).toBeVisible();
    await shell.needHelp.click();
    await expect(shell.crisisDialog.getByRole("link", { name: "Call your midwife on 0113 496 0000" })).toBeVisible();
  });
});
