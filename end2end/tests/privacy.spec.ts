import { test, expect } from "./fixtures";

test("the third-party request check notices a request to another origin", async ({ page, foreignRequests }) => {
  await page.goto("/");
  // This test's own deliberate foreign request proves the check can fail.
  await page.evaluate(() => fetch("http://third-party.invalid/pixel.gif").catch(() => undefined));
  await expect.poll(() => foreignRequests.length).toBe(1);
  expect(foreignRequests[0]).toBe("http://third-party.invalid/pixel.gif");
  foreignRequests.length = 0;
});
