import { test, expect } from "./fixtures";

test("the third-party request check notices a request to another origin", async ({ page, foreignRequests }) => {
  // This test's own deliberate foreign navigation proves the check can fail.
  await page.goto("http://third-party.invalid/pixel.gif").catch(() => undefined);
  await expect.poll(() => foreignRequests.length).toBeGreaterThan(0);
  expect(foreignRequests[0]).toBe("http://third-party.invalid/pixel.gif");
  foreignRequests.length = 0;
});

test("the page's security policy stops any script reaching another origin", async ({ page, foreignRequests }) => {
  await page.goto("/");
  const outcome = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener("securitypolicyviolation", (event) => violations.push(event.violatedDirective));
    const fetched = await fetch("https://tracker.example/collect").then(
      () => "sent",
      () => "refused",
    );
    // The violation is reported asynchronously; give it a moment to arrive.
    for (let i = 0; i < 20 && violations.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    return { fetched, violations };
  });
  expect(outcome.fetched).toBe("refused");
  expect(outcome.violations).toContain("connect-src");
  expect(foreignRequests).toEqual([]);
});
