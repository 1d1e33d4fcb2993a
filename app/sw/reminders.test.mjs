// The reminder rules with fixed clocks: node --test app/sw/
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import vm from "node:vm";

const source = readFileSync(new URL("./reminders.js", import.meta.url), "utf8");
// The worker is a classic script, so its functions are read as one here.
const { dueReminders, rememberShown } = vm.runInThisContext(`(() => { ${source}; return { dueReminders, rememberShown }; })()`);

const outlook = {
  made: "2026-12-07",
  until: "2027-01-18",
  groups: [
    {
      id: "sample-bumps",
      title: "Bumps and Babies",
      sessions: [
        { date: "2026-12-08", starts: "10:00:00", ends: "11:30:00", cancelled: null },
        { date: "2026-12-15", starts: "10:00:00", ends: "11:30:00", cancelled: "The hall is flooded" },
      ],
    },
  ],
};
const at = (y, m, d, h, min = 0) => new Date(y, m - 1, d, h, min);

test("a group's reminder is due from the evening before until an hour before it starts", () => {
  const settings = { groups: true, mood: null, details: true };
  assert.deepEqual(dueReminders(at(2026, 12, 7, 16, 59), settings, outlook, []), []);
  const evening = dueReminders(at(2026, 12, 7, 19), settings, outlook, []);
  assert.equal(evening.length, 1);
  assert.equal(evening[0].body, "Bumps and Babies meets tomorrow at 10:00.");
  assert.equal(evening[0].url, "/groups/sample-bumps");
  assert.equal(dueReminders(at(2026, 12, 8, 8), settings, outlook, [])[0].body, "Bumps and Babies meets today at 10:00.");
  assert.deepEqual(dueReminders(at(2026, 12, 8, 9, 1), settings, outlook, []), []);
});

test("a copy more than two days old reminds of no group: it may not know of a cancellation", () => {
  const settings = { groups: true, mood: null, details: true };
  const old = { ...outlook, made: "2026-12-04" };
  assert.equal(dueReminders(at(2026, 12, 7, 19), settings, old, []).length, 0);
  assert.equal(dueReminders(at(2026, 12, 7, 19), settings, { ...outlook, made: "2026-12-05" }, []).length, 1);
  const sessions = [{ date: "2026-12-07", starts: "10:00:00", ends: "11:00:00", cancelled: null }];
  const kept = { made: "2026-12-04", groups: [{ id: "g", title: "G", sessions }] };
  assert.equal(dueReminders(at(2026, 12, 6, 19), settings, kept, []).length, 1);
  assert.equal(dueReminders(at(2026, 12, 6, 19), settings, { ...kept, made: "2026-12-03" }, []).length, 0);
});

test("a cancelled session has no reminder", () => {
  const settings = { groups: true, mood: null, details: true };
  assert.deepEqual(dueReminders(at(2026, 12, 14, 20), settings, outlook, []), []);
});

test("nothing is shown twice, and the shown list forgets after a fortnight", () => {
  const settings = { groups: true, mood: "20:00", details: false };
  const now = at(2026, 12, 7, 20, 30);
  const first = dueReminders(now, settings, outlook, []);
  assert.deepEqual(first.map((r) => r.tag), ["mood:2026-12-07", "group:sample-bumps:2026-12-08:10:00"]);
  const shown = rememberShown(now, [], first.map((r) => r.tag));
  assert.deepEqual(dueReminders(at(2026, 12, 7, 22), settings, outlook, shown), []);
  assert.equal(rememberShown(at(2026, 12, 22, 21), shown, []).length, 0);
});

test("by default the lock screen shows only Village", () => {
  const due = dueReminders(at(2026, 12, 7, 21), { groups: true, mood: "20:00", details: false }, outlook, []);
  assert.equal(due.length, 2);
  for (const reminder of due) {
    assert.equal(reminder.title, "Village");
    assert.equal(reminder.body, "");
  }
});

test("the mood nudge comes at the time chosen, once a day, and only when chosen", () => {
  const nudge = { groups: false, mood: "20:00", details: true };
  assert.deepEqual(dueReminders(at(2026, 12, 7, 19, 59), nudge, outlook, []), []);
  const due = dueReminders(at(2026, 12, 7, 20), nudge, outlook, []);
  assert.equal(due[0].url, "/mood");
  assert.ok(!/streak|missed|should/i.test(due[0].body), due[0].body);
  assert.deepEqual(dueReminders(at(2026, 12, 7, 21), { groups: false, mood: null, details: true }, outlook, []), []);
  assert.deepEqual(dueReminders(at(2026, 12, 7, 21), { groups: false, mood: "25:00", details: true }, outlook, []), []);
});

test("damaged or missing data shows nothing rather than failing", () => {
  assert.deepEqual(dueReminders(at(2026, 12, 7, 21), null, outlook, []), []);
  assert.deepEqual(dueReminders(at(2026, 12, 7, 21), { groups: true }, null, null), []);
  assert.deepEqual(dueReminders(at(2026, 12, 7, 21), { groups: true }, { groups: [{ id: "x" }] }, "junk"), []);
  // A damaged session is skipped; the others, and the nudge, still come.
  const damaged = { made: "2026-12-07", groups: [{ id: "g", title: "G", sessions: [{ date: 5, starts: null }, ...outlook.groups[0].sessions] }] };
  const due = dueReminders(at(2026, 12, 7, 21), { groups: true, mood: "20:00", details: true }, damaged, []);
  assert.deepEqual(due.map((r) => r.tag), ["mood:2026-12-07", "group:g:2026-12-08:10:00"]);
});
