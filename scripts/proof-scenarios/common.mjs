// What `make proof`'s scenarios share.

import { spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { randomUUID } from "node:crypto";

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Signs the organiser in; the session cookie (`village-session=…`). */
export async function signIn(base, email, password) {
  const body = new URLSearchParams({ email, password });
  const answer = await fetch(`${base}/organisers/login`, { method: "POST", body, redirect: "manual" });
  const cookie = (answer.headers.getSetCookie?.() ?? []).find((c) => c.includes("village-session="));
  if (answer.status !== 303 || !cookie) throw new Error(`sign-in failed: ${answer.status}`);
  return cookie.split(";")[0];
}

/** A loopback port nothing listens on. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Makes the organiser of Riverside Parents Together on the command line. */
export function createOrganiser(serverBin, databaseUrl, email, password) {
  const made = spawnSync(
    serverBin,
    ["create-user", "--email", email, "--role", "organiser", "--organisation", "sample-riverside-parents", "--password-stdin", "--database-url", databaseUrl],
    { input: `${password}\n`, env: { ...process.env, RUST_LOG: "warn" } },
  );
  if (made.status !== 0) throw new Error(`create-user failed: ${made.stderr}`);
}

/** Rows of a query, with the database's own client (sqlite3 or psql). */
export function sql(databaseUrl, query) {
  const run = databaseUrl.startsWith("sqlite:")
    ? spawnSync("sqlite3", ["-separator", "\t", databaseUrl.replace(/^sqlite:\/\//, "").replace(/\?.*$/, ""), query])
    : spawnSync("psql", [databaseUrl, "-X", "-q", "-t", "-A", "-F", "\t", "-c", query]);
  if (run.status !== 0) throw new Error(`query failed: ${run.stderr}`);
  return run.stdout
    .toString()
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => line.split("\t"));
}

// The organiser's own groups (Riverside Parents Together's).
const OWN_GROUPS = ["sample-tuesday-talk", "sample-bump-buddies", "sample-buggy-walk", "sample-stay-and-play"];
const TITLE = "Write check";
// Today as the run began, so a run that crosses midnight keeps its dates.
const STARTED = Date.now();
const day = (offset) => new Date(STARTED + offset * 86_400_000).toISOString().slice(0, 10);
// Extra sessions go on days of their own from two months ahead.
const FIRST_EXTRA_DAY = 60;

/** Organiser changes, each made once and each leaving rows of its own to
 *  count: new groups and extra sessions, each with its own Idempotency-Key,
 *  so one sent again after a lost answer lands once. */
export function changes() {
  let made = 0;
  return () => {
    const n = made++;
    const key = randomUUID();
    if (n % 2 === 0) {
      const title = `${TITLE} ${n}`;
      return {
        key,
        kind: "group",
        mark: title,
        path: "/organisers/groups/new",
        body: new URLSearchParams({
          title, description: "A group made by the write check.", area: "sample-riverside",
          weekday: "wednesday", starts: "14:00", ends: "15:00", every: "1", term: "all_year",
          first: "", place: "venue:sample-st-marks-hall", joining: "", babies: "on", action: "add",
        }),
      };
    }
    // Each group in turn, a day later each round: 1,700 rounds (6,800 extra
    // sessions) before the last day a date may be (five years ahead).
    const extra = n >> 1;
    const group = OWN_GROUPS[extra % OWN_GROUPS.length];
    const date = day(FIRST_EXTRA_DAY + Math.floor(extra / OWN_GROUPS.length));
    return {
      key,
      kind: "extra",
      mark: `${group} ${date}`,
      path: `/organisers/groups/${group}/extra`,
      body: new URLSearchParams({ date, starts: "06:07", ends: "06:37" }),
    };
  };
}

/** Every acknowledged change, counted in the database and in the audit
 *  log: how many are missing, and how many rows are there more than once
 *  (or that no acknowledged change accounts for). */
export function tallyWrites(databaseUrl, email, acked) {
  const counts = new Map();
  for (const [title, count] of sql(databaseUrl, `SELECT title, count(*) FROM peer_groups WHERE title LIKE '${TITLE} %' GROUP BY title`)) {
    counts.set(`group ${title}`, Number(count));
  }
  for (const [group, date, count] of sql(
    databaseUrl,
    `SELECT group_id, day, count(*) FROM group_exceptions WHERE kind = 'extra' AND starts IS NOT NULL AND day >= '${day(FIRST_EXTRA_DAY)}' GROUP BY group_id, day`,
  )) {
    counts.set(`extra ${group} ${date.slice(0, 10)}`, Number(count));
  }
  const audited = new Map(
    sql(databaseUrl, `SELECT action, count(*) FROM audit_log WHERE user_email = '${email}' GROUP BY action`).map(([a, c]) => [a, Number(c)]),
  );
  let lost = 0;
  let duplicated = 0;
  const seen = new Set();
  for (const change of acked) {
    const id = `${change.kind} ${change.mark}`;
    seen.add(id);
    const count = counts.get(id) ?? 0;
    if (count === 0) lost += 1;
    if (count > 1) duplicated += count - 1;
  }
  for (const [id, count] of counts) if (!seen.has(id)) duplicated += count;
  const byKind = (kind) => acked.filter((c) => c.kind === kind).length;
  const expected = { "added": byKind("group"), "added an extra session": byKind("extra") };
  for (const [action, want] of Object.entries(expected)) {
    const got = audited.get(action) ?? 0;
    if (got < want) lost += want - got;
    if (got > want) duplicated += got - want;
  }
  return { lost, duplicated };
}
