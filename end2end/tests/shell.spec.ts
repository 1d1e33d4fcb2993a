import { test, expect } from "./fixtures";
import { Shell } from "../pages/shell";

test.describe("the app shell", () => {
  test("the home page is rendered on the server, before any script runs", async ({ request }) => {
    const response = await request.get("/");
    expect(response.status()).toBe(200);
    const html = await response.text();
    expect(html).toContain("<h1>This week</h1>");
    expect(html).toContain('href="/need-help-now"');
    // Sample data from `--sample-data` is there, and labelled.
    expect(html).toContain("Riverside");
    expect(html).toContain(">Sample<");
  });

  test("the phone's clock reads the same day as the test runner's, moved or not", async ({ page }) => {
    // Under `make test-dates` the runner's clock is moved by libfaketime and
    // Chromium's is not; the suite moves every page's clock to match.
    await page.goto("/");
    const pageDay = await page.evaluate(() => new Date().toISOString().slice(0, 10)); // real time, as the phone reads it
    expect(pageDay).toBe(new Date().toISOString().slice(0, 10)); // real time, as the runner reads it
  });

  test("the home page hydrates", async ({ page }) => {
    const shell = new Shell(page);
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    await shell.goto("/");
    await shell.waitForHydration();
    await expect(shell.heading()).toHaveText("This week");
    expect(errors).toEqual([]);
  });

  test("the bottom navigation reaches all three pages", async ({ page }) => {
    const shell = new Shell(page);
    await shell.goto("/");
    await expect(shell.navLink("This week")).toHaveAttribute("aria-current", "page");

    await shell.navLink("My mood").click();
    await shell.expectOn("/mood", "My mood");
    await expect(shell.navLink("My mood")).toHaveAttribute("aria-current", "page");

    await shell.navLink("Who can help").click();
    await shell.expectOn("/help", "Who can help");
    await expect(shell.navLink("Who can help")).toHaveAttribute("aria-current", "page");

    await shell.navLink("This week").click();
    await shell.expectOn("/", "This week");
  });

  test("an area link shows the chosen area, and a bad one says what is wrong", async ({ page }) => {
    const shell = new Shell(page);
    await shell.goto("/");
    await page.getByRole("link", { name: "Riverside" }).click();
    await expect(page).toHaveURL("/?area=sample-riverside");
    await expect(page.getByText("Groups in Riverside")).toBeVisible();

    await shell.goto("/?area=Not%20An%20Area");
    await expect(page.getByRole("alert")).toHaveText("We don't know that area yet. Please choose one from the list.");
    await shell.goto("/?area=nowhere-at-all");
    await expect(page.getByRole("alert")).toHaveText("We don't know that area yet. Please choose one from the list.");
  });

  test("an unknown address gets a 404 page inside the same frame", async ({ page }) => {
    const shell = new Shell(page);
    const response = await shell.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(shell.heading()).toHaveText("We can't find that page");
    await expect(shell.needHelp).toBeVisible();
    await expect(shell.nav).toBeVisible();
  });
});
