// `make proof`'s crash scenario. Runs the server itself and, while writers
// send organiser changes (new groups and extra sessions, each leaving rows
// of its own to count), each with its own Idempotency-Key, kills it with SIGKILL at random moments
// and starts it again. A change whose answer was lost is sent again with the
// same key until it is answered. At the end every answered change must be
// in the database exactly once, and `server check` must find it whole.
// Prints one line:
//   crash: <backend> <kills> kills, <acked> acknowledged writes, <n> lost, <n> duplicated, integrity ok
// and exits 1 if anything is lost, duplicated, refused or broken.
//
// Usage: node scripts/proof-scenarios/crash.mjs <server binary> <database url> <backend> <seconds> <kills>
// The organiser's email and password come from VILLAGE_ORGANISER_EMAIL and
// VILLAGE_ORGANISER_PASSWORD; the server's settings (LEPTOS_SITE_ROOT…)
// from the environment.

import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { openSync, closeSync, readFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { signIn } from "./common.mjs";

const [serverBin, databaseUrl, backend, secondsArg, killsArg] = process.argv.slice(2);
const seconds = Number(secondsArg ?? 60);
const killsWanted = Number(killsArg ?? 200);
const email = process.env.VILLAGE_ORGANISER_EMAIL;
const password = process.env.VILLAGE_ORGANISER_PASSWORD;
const serverDir = mkdtempSync(join(tmpdir(), "village-proof-server-"));
const logFile = process.env.PROOF_LOG ?? `/tmp/village-proof-crash-${process.pid}.log`;
if (!serverBin || !databaseUrl || !backend || !email || !password) {
  console.error("usage: node scripts/proof-scenarios/crash.mjs <server binary> <database url> <backend> <seconds> <kills>");
  process.exit(2);
}

// PROOF_WITHOUT_KEYS=1 sends no Idempotency-Key: a control run, to see the
// check catch the duplicates that keys prevent (it should fail).
const withoutKeys = process.env.PROOF_WITHOUT_KEYS === "1";
const WRITERS = 16;
const OWN_GROUPS = ["sample-tuesday-talk", "sample-bump-buddies", "sample-buggy-walk", "sample-stay-and-play"];
const TITLE = "Crash check";
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

const port = await freePort();
const base = `http://127.0.0.1:${port}`;

// The server, started and killed by this script.
let child = null;
let up = false;
let upSince = Promise.resolve();

async function healthy() {
  try {
    const answer = await fetch(`${base}/healthz`);
    await answer.arrayBuffer();
    return answer.ok;
  } catch {
    return false;
  }
}

async function start() {
  const log = openSync(logFile, "a");
  child = spawn(
    serverBin,
    ["serve", "--site-addr", `127.0.0.1:${port}`, "--database-url", databaseUrl, "--sample-data"],
    // Run from a folder of its own, so the key file a server makes on first
    // start never lands in the source tree.
    { stdio: ["ignore", log, log], env: { ...process.env, RUST_LOG: "warn" }, cwd: serverDir },
  );
  closeSync(log);
  const started = performance.now();
  while (!(await healthy())) {
    if (child.exitCode !== null) throw new Error(`the server stopped while starting (exit ${child.exitCode}); see ${logFile}`);
    if (performance.now() - started > 20_000) throw new Error(`the server did not start in 20 s; see ${logFile}`);
    await sleep(10);
  }
  up = true;
}

async function kill(signal) {
  up = false;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill(signal);
  await exited;
}

/** Waits until the server answers again (writers pause while it is down). */
async function whenUp() {
  while (!up) await sleep(5);
}

function createOrganiser() {
  const made = spawnSync(
    serverBin,
    ["create-user", "--email", email, "--role", "organiser", "--organisation", "sample-riverside-parents", "--password-stdin", "--database-url", databaseUrl],
    { input: `${password}\n`, env: { ...process.env, RUST_LOG: "warn" } },
  );
  if (made.status !== 0) throw new Error(`create-user failed: ${made.stderr}`);
}

// The changes, each made once: its key, where it goes, what it sends and
// what it leaves in the database.
const today = new Date();
const day = (offset) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
let made = 0;
function nextChange() {
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
        title, description: "A group made by the crash check.", area: "sample-riverside",
        weekday: "wednesday", starts: "14:00", ends: "15:00", every: "1", term: "all_year",
        first: "", place: "venue:sample-st-marks-hall", joining: "", babies: "on", action: "add",
      }),
    };
  }
  // A day of its own for each extra session, from two months ahead.
  const group = OWN_GROUPS[(n >> 1) % OWN_GROUPS.length];
  const date = day(60 + n);
  return {
    key,
    kind: "extra",
    mark: `${group} ${date}`,
    path: `/organisers/groups/${group}/extra`,
    body: new URLSearchParams({ date, starts: "06:07", ends: "06:37" }),
  };
}

const acked = [];
const retries = [];
const problems = [];
let sent = 0;
let resent = 0;
let replayed = 0;
let stopping = false;
let cookie = "";

async function send(change) {
  await whenUp();
  sent += 1;
  let answer;
  try {
    answer = await fetch(`${base}${change.path}`, {
      method: "POST",
      redirect: "manual",
      headers: {
        cookie,
        "content-type": "application/x-www-form-urlencoded",
        ...(withoutKeys ? {} : { "idempotency-key": change.key }),
      },
      body: change.body.toString(),
    });
    await answer.arrayBuffer();
  } catch {
    // No answer: the server died with the change in flight. Send it again.
    change.tries = (change.tries ?? 0) + 1;
    retries.push(change);
    return;
  }
  if (answer.status === 303) {
    if (change.tries) resent += 1;
    if (answer.headers.get("idempotent-replayed") === "true") replayed += 1;
    acked.push(change);
  } else if (answer.status === 409) {
    retries.push(change);
  } else {
    problems.push(`${change.kind} ${change.path}: ${answer.status}`);
    if (answer.status >= 500) retries.push(change);
  }
}

async function writer() {
  while (!stopping || retries.length > 0) {
    const change = retries.shift() ?? (stopping ? null : nextChange());
    if (!change) break;
    await send(change);
  }
}

function sql(query) {
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

async function main() {
  await start();
  createOrganiser();
  cookie = await signIn(base, email, password);

  let kills = 0;
  const killer = (async () => {
    const started = performance.now();
    // Aim for the kills wanted within the time given, then keep to it.
    const gap = Math.max(20, (seconds * 1000) / killsWanted);
    while (performance.now() - started < seconds * 1000 || kills < killsWanted) {
      await sleep(Math.random() * gap);
      await kill("SIGKILL");
      kills += 1;
      await start();
    }
  })();
  const writers = Array.from({ length: WRITERS }, writer);
  await killer;
  stopping = true;
  await Promise.all(writers);
  // Every change left waiting is sent again until answered.
  while (retries.length > 0) await Promise.all(Array.from({ length: WRITERS }, writer));
  await kill("SIGTERM");

  const check = spawnSync(serverBin, ["check", "--database-url", databaseUrl], { env: { ...process.env, RUST_LOG: "warn" } });
  const checked = check.stdout.toString();
  const integrity = check.status === 0 && checked.includes("integrity ok");

  const counts = new Map();
  for (const [title, count] of sql(`SELECT title, count(*) FROM peer_groups WHERE title LIKE '${TITLE} %' GROUP BY title`)) {
    counts.set(`group ${title}`, Number(count));
  }
  for (const [group, date, count] of sql(
    `SELECT group_id, day, count(*) FROM group_exceptions WHERE kind = 'extra' AND starts IS NOT NULL AND day >= '${day(60)}' GROUP BY group_id, day`,
  )) {
    counts.set(`extra ${group} ${date.slice(0, 10)}`, Number(count));
  }
  const audited = new Map(sql(`SELECT action, count(*) FROM audit_log WHERE user_email = '${email}' GROUP BY action`).map(([a, c]) => [a, Number(c)]));

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
  // Rows no answered change accounts for were written more than once.
  for (const [id, count] of counts) if (!seen.has(id)) duplicated += count;
  const byKind = (kind) => acked.filter((c) => c.kind === kind).length;
  const expected = { "added": byKind("group"), "added an extra session": byKind("extra") };
  for (const [action, want] of Object.entries(expected)) {
    const got = audited.get(action) ?? 0;
    if (got < want) lost += want - got;
    if (got > want) duplicated += got - want;
  }

  console.log(
    `crash: ${backend} ${kills} kills, ${acked.length} acknowledged writes, ${lost} lost, ${duplicated} duplicated, ${integrity ? "integrity ok" : "integrity FAILED"}`,
  );
  console.log(
    `       (${sent} requests; ${resent} changes sent again after a kill, ${replayed} of them had landed and were answered from their key)`,
  );
  const panicked = readFileSync(logFile, "utf8").includes("panicked");
  if (!integrity) console.error(checked, check.stderr.toString());
  if (problems.length > 0) {
    const tally = {};
    for (const p of problems) tally[p] = (tally[p] ?? 0) + 1;
    console.error("refused or failed:", tally);
  }
  if (panicked) console.error(`crash: ${backend} the server panicked; see ${logFile}`);
  if (lost > 0 || duplicated > 0 || !integrity || problems.length > 0 || panicked || kills < killsWanted) process.exit(1);
}

main().catch(async (error) => {
  console.error(`crash: ${backend} could not run: ${error.message}`);
  if (child && child.exitCode === null) child.kill("SIGKILL");
  process.exit(1);
});
