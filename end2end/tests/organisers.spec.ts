import AxeBuilder from "@axe-core/playwright";
import { createHmac } from "node:crypto";
import { test, expect } from "./fixtures";

const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];
const email = process.env.VILLAGE_ORGANISER_EMAIL ?? "";
const password = process.env.VILLAGE_ORGANISER_PASSWORD ?? "";

async function signIn(page: import("@playwright/test").Page) {
  await page.goto("/organisers");
  await expect(page).toHaveURL(/\/organisers\/login$/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your listings" })).toBeVisible();
}

/**
 * WCAG 2.2 AA on a long form, checked from the top of the page: filling a
 * field scrolls it, and axe counts a control that is under the sticky header
 * at that moment as too small a target.
 */
async function expectAccessibleFromTop(page: import("@playwright/test").Page) {
  await page.evaluate(() => window.scrollTo(0, 0));
  expect((await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze()).violations).toEqual([]);
}

test("an organiser signs in, cancels a session, and parents see it on This week and in the feed", async ({ page, context }) => {
  await signIn(page);
  await expect(page.getByText(`Signed in as ${email} (Organiser, Riverside Parents Together).`)).toBeVisible();
  const [cookie] = (await context.cookies()).filter((c) => c.name === "village-session");
  expect(cookie.httpOnly).toBe(true);
  expect(cookie.sameSite).toBe("Strict");

  // The last session offered, weeks away, so the other tests' weeks stay as they were.
  const group = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Tuesday Talk and Tea" }) });
  const session = group.getByLabel("Session", { exact: true });
  const date = await session.locator("option").last().getAttribute("value");
  expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await session.selectOption(date!);

  // Without a reason: told what to fix, beside the field, and nothing is saved.
  await group.getByRole("button", { name: "Cancel this session" }).click();
  const reason = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Tuesday Talk and Tea" }) }).getByLabel("Reason, shown to parents");
  await expect(reason).toHaveAttribute("aria-invalid", "true");
  await expect(reason).toHaveAccessibleDescription(/Please say why, so people know/);
  await reason.fill("The hall is closed for repairs");
  await page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Tuesday Talk and Tea" }) }).getByRole("button", { name: "Cancel this session" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The session is cancelled" })).toBeVisible();

  await page.goto(`/?area=sample-riverside&week=${date}`);
  const cancelled = page.getByRole("listitem").filter({ hasText: "Tuesday Talk and Tea" });
  await expect(cancelled.getByText("The hall is closed for repairs")).toBeVisible();
  const feed = await (await page.request.get("/api/v1/groups/sample-tuesday-talk/calendar.ics")).text();
  expect(feed).toContain(date!.replaceAll("-", ""));

  await page.goto("/organisers");
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "You have signed out." })).toBeVisible();
  await page.goto("/organisers");
  await expect(page).toHaveURL(/\/organisers\/login$/);
});

test("a wrong password is explained, and the organiser screens meet WCAG 2.2 AA", async ({ page }) => {
  await page.goto("/organisers/login");
  expect((await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze()).violations).toEqual([]);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not the right one");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText("The email or password is not right. Please check them and try again.");
  await expect(page.getByLabel("Email")).toHaveValue(email);
  expect((await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze()).violations).toEqual([]);

  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your listings" })).toBeVisible();
  expect((await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze()).violations).toEqual([]);
  await page.emulateMedia({ colorScheme: "dark" });
  expect((await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze()).violations).toEqual([]);
});

test("an organiser adds a weekly group in a new venue, checks its dates first, and sees it on This week", async ({ page }) => {
  await signIn(page);
  await page.getByRole("link", { name: "Add a weekly group" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Add a weekly group" })).toBeVisible();
  await page.getByLabel("Name of the group").fill("Holiday Craft Club");
  await page.getByLabel("About the group").fill("Glue, glitter and a cup of tea.");
  await page.getByLabel("Day", { exact: true }).selectOption({ label: "Wednesday" });
  await page.getByLabel("Starts", { exact: true }).fill("14:00");
  await page.getByLabel("Ends", { exact: true }).fill("15:30");
  await page.getByRole("radio", { name: "Only in the school holidays" }).check();
  // The room is new: added from the same form, with what the organiser knows about getting in.
  await page.getByLabel("Where it meets").selectOption({ label: "A new venue (fill in below)" });
  const venue = page.getByRole("group", { name: "A new venue" });
  await venue.getByLabel("Name of the venue").fill("Riverside Craft Barn");
  await venue.getByLabel("Street address").fill("2 Orchard Lane");
  await venue.getByLabel("Town or city").fill("Riverton");
  await venue.getByLabel("Postcode").fill("cf10 1ab");
  await venue.getByRole("group", { name: "Step-free access (no steps, or a ramp or lift)?" }).getByRole("radio", { name: "Yes" }).check();
  await venue.getByRole("group", { name: "Baby changing?" }).getByRole("radio", { name: "Yes" }).check();
  await page.getByRole("checkbox", { name: "Babies welcome" }).check();
  // What parents are told: only what is filled in here.
  await page.getByLabel("What kind of group").selectOption({ label: "An activity (crafts, baby massage, music)" });
  await page.getByRole("group", { name: "Cost" }).getByRole("radio", { name: "A set amount" }).check();
  await page.getByLabel("Amount each time, in pounds").fill("two fifty");
  await page.getByRole("group", { name: "Booking" }).getByRole("radio", { name: "Book ahead" }).check();
  await page.getByLabel("How to book (if booking ahead)").fill("Email us to save a place");
  await page.getByLabel("How parents contact the organiser").selectOption({ label: "Email" });
  await page.getByLabel("Phone number, email or web address").fill("crafts@example.org");
  await page.getByRole("checkbox", { name: "English" }).check();
  await page.getByRole("checkbox", { name: "Cymraeg (Welsh)" }).check();
  await page.getByLabel("Your first visit (optional)").fill("Kim says hello at the door; buggies fit by the stage.");
  await expectAccessibleFromTop(page);

  // A bad amount is named beside its field, and what was typed stays.
  await page.getByRole("button", { name: "Show the next dates" }).click();
  const amount = page.getByLabel("Amount each time, in pounds");
  await expect(amount).toHaveAttribute("aria-invalid", "true");
  await expect(amount).toHaveAccessibleDescription(/Please give the amount in pounds, such as 3 or 2.50./);
  await expect(page.getByLabel("Your first visit (optional)")).toHaveValue("Kim says hello at the door; buggies fit by the stage.");
  await expectAccessibleFromTop(page);
  await amount.fill("2.50");

  await page.getByRole("button", { name: "Show the next dates" }).click();
  const preview = page.getByRole("status").filter({ hasText: "The next dates, as parents will see them" });
  await expect(preview).toBeVisible();
  // Only in the holidays: the first date is in the Christmas holidays, not this week.
  await expect(preview.getByRole("listitem").first()).toHaveText("Wednesday 23 December, 14:00");
  await expect(page.getByLabel("Name of the group")).toHaveValue("Holiday Craft Club");
  await expect(page.getByRole("radio", { name: "Only in the school holidays" })).toBeChecked();
  expect((await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze()).violations).toEqual([]);

  await page.getByRole("button", { name: "Add the group" }).click();
  // The contact is a number or address parents will use: it waits for an admin.
  await expect(page.getByRole("status").filter({ hasText: "Its contact waits for an admin" })).toBeVisible();
  await page.goto("/?area=sample-riverside&week=2026-12-21");
  await expect(page.getByText("Holiday Craft Club").first()).toBeVisible();
  await page.getByRole("link", { name: "Holiday Craft Club" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Holiday Craft Club" })).toBeVisible();
  const badges = page.getByRole("list", { name: "About this group" });
  await expect(badges).toContainText("£2.50");
  await expect(badges).toContainText("Book ahead");
  await expect(badges).not.toContainText("Free");
  await expect(page.getByText("Book ahead: Email us to save a place")).toBeVisible();
  await expect(page.getByText("English, Cymraeg")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Your first visit" })).toBeVisible();
  await expect(page.getByText("Organiser's contact: not given yet.")).toBeVisible();
  await expect(page.getByText("2 Orchard Lane, Riverton, CF10 1AB")).toBeVisible();
  await expect(page.getByText("Step-free access", { exact: true })).toBeVisible();
  await expect(page.getByText("Baby changing", { exact: true })).toBeVisible();
  await expect(page.getByText("Ask the organiser about buggy space, parking and buses")).toBeVisible();
  expect((await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze()).violations).toEqual([]);

  // The venue is theirs now, for other groups too, and can be changed.
  await page.goto("/organisers");
  await page.getByRole("link", { name: "Change a venue: Riverside Craft Barn, Riverton" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Change a venue" })).toBeVisible();
  await expect(page.getByLabel("Postcode")).toHaveValue("CF10 1AB");
  await expect(page.getByText("1 group meets here, so it cannot be deleted.")).toBeVisible();
  await expectAccessibleFromTop(page);
});

test("an organiser changes a group's name and adds a Saturday time, after a preview, and parents see it", async ({ page }) => {
  // Every fact parents see, before the change: saving the form must keep them all.
  await page.goto("/groups/sample-buggy-walk");
  const factsBefore = (await page.locator("dl.facts").last().textContent()) ?? "";
  const contactBefore = (await page.locator("p.contact").textContent()) ?? "";
  await signIn(page);
  await page.getByRole("link", { name: "Change details and times: Buggy Walk and Talk" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Change a group" })).toBeVisible();
  await expect(page.getByLabel("Name of the group")).toHaveValue("Buggy Walk and Talk");
  await expect(page.getByRole("checkbox", { name: /^Every Friday, 10:00 to 11:00/ })).toBeChecked();
  expect((await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze()).violations).toEqual([]);

  // Untick the only time without adding one: told why, beside the times, nothing saved.
  await page.getByRole("checkbox", { name: /^Every Friday/ }).uncheck();
  await page.getByRole("button", { name: "Save the changes" }).click();
  const friday = page.getByRole("checkbox", { name: /^Every Friday/ });
  await expect(friday).toHaveAttribute("aria-invalid", "true");
  await expect(friday).toHaveAccessibleDescription(/A group needs at least one time/);
  expect((await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze()).violations).toEqual([]);

  await friday.check();
  await page.getByLabel("Name of the group").fill("Buggy Walk in the Park");
  await page.getByLabel("Day", { exact: true }).selectOption({ label: "Saturday" });
  await page.getByLabel("Starts", { exact: true }).fill("10:30");
  await page.getByLabel("Ends", { exact: true }).fill("11:30");
  await page.getByRole("radio", { name: "Runs all year, in the holidays too" }).check();
  await page.getByRole("button", { name: "Show the next dates" }).click();
  const preview = page.getByRole("status").filter({ hasText: "The next dates, as parents will see them" });
  await expect(preview.getByRole("listitem").first()).toHaveText("Friday 11 December, 10:00");
  await expect(preview.getByRole("listitem").nth(1)).toHaveText("Saturday 12 December, 10:30");

  await page.getByRole("button", { name: "Save the changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The changes are saved" })).toBeVisible();
  await page.goto("/?area=sample-riverside");
  const saturday = page.getByRole("region", { name: "Saturday 12 December" });
  await expect(saturday.getByRole("heading", { name: "Buggy Walk in the Park" })).toBeVisible();
  await page.goto("/groups/sample-buggy-walk");
  await expect(page.locator("dl.facts").last()).toHaveText(factsBefore);
  await expect(page.locator("p.contact")).toHaveText(contactBefore);
});

test("an admin adds an area and imports its term dates, and the admin screens meet WCAG 2.2 AA", async ({ page }) => {
  // Three full accessibility checks of the admin page, each about 4 s on an idle
  // two-core machine: more than the default 30 s when the other worker is busy.
  test.slow();
  await page.goto("/organisers/login");
  await page.getByLabel("Email").fill(process.env.VILLAGE_ADMIN_EMAIL ?? "");
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Areas and term dates" })).toBeVisible();
  await page.getByLabel("Name of the area").fill("Hillside");
  await page.getByLabel("Nation", { exact: true }).selectOption({ label: "Wales" });
  await page.getByRole("button", { name: "Add an area" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The area is added." })).toBeVisible();
  const hillside = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Hillside" }) });
  await expect(hillside).toContainText("No term dates yet");

  const terms = page.getByRole("form", { name: "Import term dates" }).or(page.locator("form[action='/organisers/terms']"));
  await terms.getByLabel("Area", { exact: true }).selectOption({ label: "Hillside" });
  const file = page.getByLabel("Term dates file (CSV or iCalendar)");
  await file.fill("school_year,kind,name,start,end\n2026-27,holiday,Christmas holidays,2026-12-19,2027-01-04\n2026-27,holiday,Summer holidays,2027-07-22,2027-09-01\n2026-27,half_term,Half term,2027-02-30,2027-03-05\n");
  await terms.getByRole("button", { name: "Check the dates" }).click();
  await expect(file).toHaveAttribute("aria-invalid", "true");
  await expect(file).toHaveAccessibleDescription(/Nothing was imported: line 4/);
  expect((await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze()).violations).toEqual([]);

  await file.fill("school_year,kind,name,start,end\n2026-27,holiday,Christmas holidays,2026-12-19,2027-01-04\n2026-27,holiday,Summer holidays,2027-07-22,2027-09-01\n");
  await page.locator("form[action='/organisers/terms']").getByLabel("Area", { exact: true }).selectOption({ label: "Hillside" });
  await page.locator("form[action='/organisers/terms']").getByRole("button", { name: "Check the dates" }).click();
  // What Village understood comes first; nothing changes until it is confirmed.
  const understood = page.getByRole("status").filter({ hasText: "What Village understood" });
  await expect(understood).toContainText("2026-27: 2 breaks, 0 bank holidays, 0 INSET days; a new school year.");
  await expect(page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Hillside" }) })).toContainText("No term dates yet");
  expect((await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze()).violations).toEqual([]);
  await page.locator("form[action='/organisers/terms']").getByRole("button", { name: "Import these dates" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The term dates are saved." })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Hillside" }) })).toContainText("Term dates known until");
  expect((await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze()).violations).toEqual([]);
});

test("an admin invites someone by link, who chooses a password and is signed in", async ({ page, browser, baseURL }) => {
  await page.goto("/organisers/login");
  await page.getByLabel("Email").fill(process.env.VILLAGE_ADMIN_EMAIL ?? "");
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByLabel("Email").fill("new.organiser@example.org");
  await page.getByLabel("Organisation", { exact: true }).selectOption({ label: "Riverside Parents Together" });
  await page.getByRole("button", { name: "Make an invitation link" }).click();
  await expect(page.getByText("Send this link to new.organiser@example.org.")).toBeVisible();
  const link = await page.locator(".invite-link").textContent();
  expect(link).toMatch(/\/organisers\/invite\/[0-9a-f]{64}$/);
  await expect(page.getByRole("heading", { name: "Recent changes" })).toBeVisible();
  expect((await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze()).violations).toEqual([]);

  // The invited person, on their own phone.
  const theirs = await browser.newContext({ baseURL });
  const phone = await theirs.newPage();
  await phone.goto(new URL(link!).pathname);
  await expect(phone.getByRole("heading", { level: 1, name: "Create your account" })).toBeVisible();
  expect((await new AxeBuilder({ page: phone }).withTags(WCAG_22_AA).analyze()).violations).toEqual([]);
  await phone.getByLabel("Choose a password").fill("a quiet harbour at dawn");
  await phone.getByLabel("Type it again").fill("a quiet harbour at dawn");
  await phone.getByRole("button", { name: "Create my account" }).click();
  await expect(phone.getByText("Signed in as new.organiser@example.org (Organiser, Riverside Parents Together).")).toBeVisible();
  await theirs.close();
});

test("an organiser edits a service; a new phone number waits for an admin", async ({ page }) => {
  await signIn(page);
  await page.getByRole("link", { name: "Edit — Riverside Feeding Café" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Riverside Feeding Café");
  expect((await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze()).violations).toEqual([]);
  await page.getByLabel("What it is", { exact: true }).fill("Drop in for help with feeding, with tea and cake.");
  const first = page.getByRole("group", { name: "Phone number 1" });
  await first.getByLabel("Number", { exact: true }).fill("07700 900555");
  await first.getByRole("checkbox", { name: "Takes calls" }).check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "wait for an administrator" })).toBeVisible();
  await page.goto("/help/sample-feeding-cafe");
  await expect(page.getByText("Drop in for help with feeding, with tea and cake.")).toBeVisible();
  await expect(page.getByRole("link", { name: /07700 900555/ })).toHaveCount(0);
});

/** The code an authenticator app shows for a base32 key (RFC 6238, SHA-1, 6 digits). */
function totp(key: string, step: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of key.replace(/\s/g, "")) bits += alphabet.indexOf(c).toString(2).padStart(5, "0");
  const bytes = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac("sha1", bytes).update(counter).digest();
  const offset = mac[19] & 0x0f;
  return ((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).toString().padStart(6, "0");
}

test("two-step sign-in is set up from the key and then asked for at every sign-in", async ({ page }) => {
  const twoStep = process.env.VILLAGE_TWO_STEP_EMAIL ?? "";
  await page.goto("/organisers/login");
  await page.getByLabel("Email").fill(twoStep);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("link", { name: "Set up two-step sign-in" }).click();
  await page.getByLabel("Your password").fill(password);
  await page.getByRole("button", { name: "Set up two-step sign-in" }).click();
  await expect(page.getByRole("img", { name: "QR code" })).toBeVisible();
  expect((await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze()).violations).toEqual([]);
  const key = (await page.locator(".invite-link").textContent()) ?? "";
  const step = Math.floor(Date.now() / 1000 / 30); // real time: two-step codes follow the clock, not the calendar
  await page.getByLabel("6-digit code").fill(totp(key, step));
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Two-step sign-in is on." })).toBeVisible();

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await page.getByLabel("Email").fill(twoStep);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Enter your code" })).toBeVisible();
  expect((await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze()).violations).toEqual([]);
  // The set-up code's step is used up: the next one works.
  await page.getByLabel("6-digit code").fill(totp(key, step + 1));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText(`Signed in as ${twoStep} (Organiser, Dads Together).`)).toBeVisible();

  // Once on, moving to a new phone needs a code from this one; the page stays accessible.
  await page.goto("/organisers/totp");
  await expect(page.getByRole("heading", { name: "Moving to a new phone" })).toBeVisible();
  expect((await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze()).violations).toEqual([]);
});
