// Takes the README's screenshots from a running server with sample data, in
// the summer holidays so the break banner shows:
//   VILLAGE_TODAY=2027-08-02 server serve --sample-data
//   VILLAGE_BASE_URL=http://127.0.0.1:3000 node scripts/screenshots.mjs
// VILLAGE_SHOTS=help-me-say-it,… takes only the named ones.
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
  { name: "help-me-say-it", path: "/mood", colorScheme: "light", sayIt: true },
  // The phone's clock agrees with the server's summer day; two groups followed.
  { name: "my-groups", path: "/?area=sample-riverside", colorScheme: "light", follows: "sample-baby-massage,sample-night-owls", clock: "2027-08-02T09:00:00+01:00" },
];
const only = process.env.VILLAGE_SHOTS?.split(",");
for (const shot of shots.filter((s) => !only || only.includes(s.name))) {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, colorScheme: shot.colorScheme });
  if (shot.clock) await page.clock.setFixedTime(new Date(shot.clock));
  if (shot.follows) await page.addInitScript((ids) => localStorage.setItem("village.followed-groups", ids), shot.follows);
  await page.goto(base + shot.path);
  // (With the clock fixed, the hydration mark's timing is faked too: wait for the panel instead.)
  if (!shot.clock) await page.waitForFunction(() => performance.getEntriesByName("hydrated").length > 0);
  if (shot.openCrisis) await page.getByRole("link", { name: "Need help now?" }).first().click();
  if (shot.diary) {
    await page.getByRole("button", { name: "I understand, start my diary" }).click();
    await page.getByRole("radio", { name: "Okay", exact: true }).check();
    await page.getByRole("checkbox", { name: "Tired", exact: true }).check();
    await page.getByRole("checkbox", { name: "Got out of the house", exact: true }).check();
  }
  if (shot.sayIt) {
    await page.getByRole("button", { name: "I understand, start my diary" }).click();
    for (const ago of [6, 4, 3, 1]) {
      const day = new Date(Date.now() - ago * 86_400_000).toISOString().slice(0, 10);
      await page.getByRole("button", { name: "Check in", exact: true }).click();
      await page.getByRole("radio", { name: ago === 4 ? "Good" : "Low", exact: true }).check();
      await page.getByRole("checkbox", { name: ago === 4 ? "Went to a group" : "Anxious", exact: true }).check();
      if ((await page.locator("details.when").getAttribute("open")) === null) await page.locator("details.when summary").click();
      await page.getByLabel("Day", { exact: true }).fill(day);
      await page.getByRole("button", { name: "Save", exact: true }).click();
      await page.getByText("Saved on this phone.").waitFor();
    }
    await page.getByRole("button", { name: "Help me say it" }).click();
    await page.getByRole("button", { name: "Draft my words" }).click();
    await page.getByRole("heading", { name: "Your words" }).waitFor();
    await page.evaluate(() => {
      document.getElementById("say-words-title")?.scrollIntoView({ block: "start" });
      window.scrollBy(0, -80);
    });
  }
  if (shot.follows) {
    await page.locator(".my-group").first().waitFor();
    await page.evaluate(() => document.querySelector(".my-groups")?.scrollIntoView({ block: "start" }));
  }
  await page.screenshot({ path: `${out}${shot.name}.png` });
  await page.close();
}
await browser.close();
