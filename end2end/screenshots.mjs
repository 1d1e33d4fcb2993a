// Takes the README's screenshots from a running server with sample data, in
// the summer holidays so the break banner shows:
//   VILLAGE_TODAY=2027-08-02 server serve --sample-data
//   VILLAGE_BASE_URL=http://127.0.0.1:3000 node end2end/screenshots.mjs
import { chromium } from "@playwright/test";

const base = process.env.VILLAGE_BASE_URL ?? "http://127.0.0.1:3000";
const out = new URL("../docs/screenshots/", import.meta.url).pathname;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const shots = [
  { name: "this-week", path: "/?area=sample-riverside", colorScheme: "light" },
  { name: "group-dark", path: "/groups/sample-tuesday-talk", colorScheme: "dark" },
  { name: "need-help-now-dark", path: "/", colorScheme: "dark", openCrisis: true },
  { name: "my-mood", path: "/mood", colorScheme: "light", diary: true },
  { name: "who-can-help-dark", path: "/help?area=sample-riverside&need=talk", colorScheme: "dark" },
];
for (const shot of shots) {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, colorScheme: shot.colorScheme });
  await page.goto(base + shot.path);
  await page.waitForFunction(() => performance.getEntriesByName("hydrated").length > 0);
  if (shot.openCrisis) await page.getByRole("link", { name: "Need help now?" }).first().click();
  if (shot.diary) {
    await page.getByRole("button", { name: "I understand, start my diary" }).click();
    await page.getByRole("radio", { name: "Okay", exact: true }).check();
    await page.getByRole("checkbox", { name: "Tired", exact: true }).check();
    await page.getByRole("checkbox", { name: "Got out of the house", exact: true }).check();
  }
  await page.screenshot({ path: `${out}${shot.name}.png` });
  await page.close();
}
await browser.close();
