import AxeBuilder from "@axe-core/playwright";
import { test, expect } from "./fixtures";
import { Shell } from "../pages/shell";

const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

/** The names of the services listed as results (not the pinned crisis lines):
 *  the server's list, or the one worked out on the phone once it replaces it. */
function results(page: import("@playwright/test").Page) {
  return page.locator("#results-section:not([hidden]) .service-title a, .offline-results .service-title a");
}

test.describe("without scripts", () => {
  test.use({ javaScriptEnabled: false });

  test("the search and the ways in are plain links and a form", async ({ page }) => {
    await page.goto("/help?area=sample-riverside");
    await expect(page.getByRole("heading", { name: "If you need help now" })).toBeVisible();
    await page.getByRole("searchbox", { name: "Search" }).fill("feeding");
    await page.getByRole("button", { name: "Show results" }).click();
    await expect(page).toHaveURL(/q=feeding/);
    await expect(results(page)).toHaveText(["Feeding Support Line", "Riverside Feeding Café", "Riverside Health Visiting Team"]);
    await page.getByRole("link", { name: "For my partner" }).click();
    await expect(results(page)).toHaveText(["Dads Line", "Feeding Support Line", "Gentle Hands baby loss line", "Parent Talk counselling", "Riverside Dads Walk", "Riverside Health Visiting Team", "Your GP"]);
  });
});

test("the directory is kept on the phone and searched there with no signal", async ({ page, context }) => {
  const shell = new Shell(page);
  await shell.goto("/help?area=sample-riverside");
  await expect(page.getByText(/^Saved for offline · updated \d+ \w+ \d{4}$/)).toBeVisible({ timeout: 15_000 });
  // The list for the form as it stands is drawn ahead, hidden, so the first
  // keystroke only changes cards; the server's list stays until then.
  await expect(page.locator(".offline-results .service-title a").first()).toBeAttached();
  await expect(page.locator(".offline-results")).toBeHidden();
  await expect(page.locator("#results-section")).toBeVisible();

  await context.setOffline(true);
  const requests: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  await page.getByRole("searchbox", { name: "Search" }).fill("feeding");
  await expect(page.locator(".offline-results")).toBeVisible();
  await expect(results(page)).toHaveText(["Feeding Support Line", "Riverside Feeding Café", "Riverside Health Visiting Team"]);
  await expect(page.locator("#results-section")).toBeHidden();
  // The crisis lines stay pinned whatever is typed.
  await expect(page.getByRole("region", { name: "If you need help now" }).getByRole("link", { name: "Call Samaritans on 116 123" })).toBeVisible();

  await page.getByRole("searchbox", { name: "Search" }).fill("");
  await page.getByRole("link", { name: "For my partner" }).click();
  const forPartners = ["Dads Line", "Feeding Support Line", "Gentle Hands baby loss line", "Parent Talk counselling", "Riverside Dads Walk", "Riverside Health Visiting Team", "Your GP"];
  await expect(results(page)).toHaveText(forPartners);
  await expect(page.getByRole("link", { name: "For my partner" })).toHaveAttribute("aria-current", "page");
  await page.getByRole("checkbox", { name: "Free" }).check();
  await expect(results(page)).toHaveText(forPartners.filter((name) => name !== "Parent Talk counselling"));
  await page.getByRole("checkbox", { name: "Free" }).uncheck();
  await page.getByRole("link", { name: "After a difficult birth" }).click();
  await expect(results(page)).toHaveText(["Birth Reflections", "Riverside Maternal Mental Health Service"]);
  expect(requests, "searching asked the network for nothing").toEqual([]);
  await context.setOffline(false);
});

test.describe("a changed directory", () => {
  // The page fetches the directory itself; with no worker, every fetch is
  // one the test can answer.
  test.use({ serviceWorkers: "block" });

  test("replaces every card drawn from the saved copy, even a service that stays listed", async ({ page, context }) => {
    await page.goto("/help?area=sample-riverside");
    await expect(page.getByText(/^Saved for offline · updated/)).toBeVisible({ timeout: 15_000 });

    // The next visit's refresh brings a copy in which one service was renamed.
    let refreshed = false;
    await context.route("**/api/v1/directory*", async (route) => {
      const headers = { ...route.request().headers() };
      delete headers["if-none-match"];
      const body = await (await route.fetch({ headers })).json();
      for (const service of body.services) {
        if (service.name === "Feeding Support Line") service.name = "Feeding Support Line (renamed)";
      }
      refreshed = true;
      await route.fulfill({ status: 200, contentType: "application/json", headers: { etag: 'W/"renamed"' }, body: JSON.stringify(body) });
    });
    await page.reload();
    await expect.poll(() => refreshed).toBe(true);
    await page.getByRole("searchbox", { name: "Search" }).fill("feeding");
    await expect(results(page).filter({ hasText: "Feeding Support Line (renamed)" })).toHaveCount(1);
    await expect(results(page).filter({ hasText: /^Feeding Support Line$/ })).toHaveCount(0);
  });
});

test("after one visit, the directory opens with no signal from the saved copy", async ({ page, context }) => {
  const shell = new Shell(page);
  await shell.goto("/help?area=sample-riverside");
  await page.waitForFunction(async () => (await navigator.serviceWorker.ready) && navigator.serviceWorker.controller !== null);
  await page.reload();
  await expect(page.getByText(/^Saved for offline · updated/)).toBeVisible({ timeout: 15_000 });
  await context.setOffline(true);
  const response = await page.reload();
  expect(response?.headers()["x-village-from"]).toBe("cache");
  await expect(page.getByText(/^Saved for offline · updated/)).toBeVisible({ timeout: 15_000 });
  await page.getByRole("searchbox", { name: "Search" }).fill("therapies");
  await expect(results(page)).toHaveText(["Riverside Talking Therapies"]);
  await context.setOffline(false);
});

test("a service page says how to get it, with tap-to-call and tap-to-text", async ({ page }) => {
  await page.goto("/help/sample-perinatal-peer-line");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Perinatal Peer Line");
  await expect(page.getByRole("list").filter({ hasText: "Call or text the peer line." })).toBeVisible();
  await expect(page.getByRole("link", { name: "Call Perinatal Peer Line on 020 7946 0123" })).toHaveAttribute("href", "tel:02079460123");
  await expect(page.getByRole("link", { name: "Text Perinatal Peer Line on 020 7946 0123" })).toHaveAttribute("href", "sms:02079460123");
  await page.goto("/help/sample-perinatal-mental-health-team");
  await expect(page.getByText("Not confirmed for over a year: check before you go.")).toBeVisible();
  await page.getByRole("link", { name: "What happens when I ask for help?" }).first().click();
  await expect(page.getByRole("heading", { name: "Will they take my baby away?" })).toBeVisible();
});

test("the directory's offline search meets WCAG 2.2 AA", async ({ page }) => {
  await page.goto("/help?area=sample-riverside");
  await expect(page.getByText(/^Saved for offline · updated/)).toBeVisible({ timeout: 15_000 });
  await page.getByRole("searchbox", { name: "Search" }).fill("peer");
  await expect(page.locator(".offline-results")).toBeVisible();
  const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
  expect(results.violations).toEqual([]);
});
