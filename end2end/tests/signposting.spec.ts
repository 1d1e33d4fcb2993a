import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect } from "@playwright/test";
import { test } from "./fixtures";

const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

/** A charity's own website, on another origin, that pastes the snippet. */
async function anotherSite(snippet: string): Promise<{ server: Server; url: string }> {
  const server = createServer((_, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(`<!DOCTYPE html><html lang="en"><head><title>A charity</title></head><body><h1>Our groups</h1>${snippet}</body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/` };
}

// Not the shared fixture: this test is about a page of another origin, so it
// checks by hand that only that page and Village were asked for anything.
base("a charity pastes the snippet from the poster page and its own page shows this week, with no cookie and no script", async ({ page, context, baseURL }) => {
  await page.goto("/areas/sample-riverside/poster");
  const snippet = await page.getByLabel("The code to paste").inputValue();
  expect(snippet).toMatch(/^<iframe src="[^"]+\/embed\/areas\/sample-riverside" title="This week's groups in Riverside"/);
  // The snippet names Village's public address; the test server is where it runs.
  const local = snippet.replace(/src="[^"]+\/embed\//, `src="${baseURL}/embed/`);
  const site = await anotherSite(local);
  const origins = new Set<string>();
  context.on("request", (request) => origins.add(new URL(request.url()).origin));
  try {
    await context.clearCookies();
    await page.goto(site.url);
    const frame = page.frameLocator("iframe");
    await expect(frame.getByRole("heading", { level: 1 })).toHaveText("This week's groups in Riverside Sample");
    await expect(frame.getByText(/^Cancelled:/).first()).toBeVisible();
    await expect(frame.getByRole("link", { name: "Tuesday Talk and Tea" }).first()).toHaveAttribute("target", "_blank");
    const inner = page.frames().find((f) => f.url().includes("/embed/areas/"));
    expect(inner, "the week is in its own frame").toBeTruthy();
    expect(await inner?.evaluate(() => document.cookie)).toBe("");
    expect(await inner?.evaluate(() => document.scripts.length)).toBe(0);
    expect(await context.cookies()).toEqual([]);
    expect([...origins].sort()).toEqual([new URL(baseURL ?? "").origin, new URL(site.url).origin].sort());
  } finally {
    site.server.close();
  }
});

test("the embeddable week meets WCAG 2.2 AA on its own, in light and dark", async ({ page }) => {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await page.goto("/embed/areas/sample-riverside");
    expect((await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze()).violations).toEqual([]);
  }
});

test("every group and service page has a QR code for its own address, and the area's week has a feed", async ({ page, request }) => {
  for (const path of ["/groups/sample-tuesday-talk", "/help/sample-perinatal-peer-line"]) {
    await page.goto(path);
    const qr = page.locator("figure.page-qr");
    await expect(qr.getByRole("img", { name: "QR code" })).toBeVisible();
    await expect(qr).toContainText(path);
  }
  await page.goto("/?area=sample-riverside");
  const feed = page.getByRole("link", { name: "Follow what's on and what changes in a feed reader (Atom)" });
  const response = await request.get((await feed.getAttribute("href")) ?? "");
  expect(response.headers()["content-type"]).toBe("application/atom+xml; charset=utf-8");
  expect(await response.text()).toContain("<title>Village: groups in Riverside</title>");
});

test("the term leaflet prints on A4 and A5 with a term-time group's weekday and the QR code's address", async ({ page }) => {
  await page.goto("/areas/sample-riverside/poster");
  await page.getByRole("link", { name: "A leaflet for the whole term (A4 or A5)" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Support for parents in Riverside");
  await page.emulateMedia({ media: "print" });
  const printed = await page.locator("main").innerText();
  expect(printed).toMatch(/Tuesday\s+Tuesday Talk and Tea · Every Tuesday, 10:00 to 11:30, in term time only\./);
  expect(printed).toContain("/?area=sample-riverside");
  await expect(page.getByRole("navigation").first()).toBeHidden();
  for (const format of ["A4", "A5"] as const) {
    const pdf = await page.pdf({ format, printBackground: false });
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages, `${format} pages`).toBeGreaterThan(0);
    expect(pages, `${format} pages`).toBeLessThanOrEqual(format === "A4" ? 2 : 4);
  }
  await page.emulateMedia({ media: "screen" });
  expect((await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze()).violations).toEqual([]);
});
