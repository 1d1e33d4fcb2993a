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
import { openSync, closeSync, readFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { changes, createOrganiser, freePort, signIn, sleep, tallyWrites } from "./common.mjs";

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

const nextChange = changes();

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

async function main() {
  await start();
  createOrganiser(serverBin, databaseUrl, email, password);
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

  const { lost, duplicated } = tallyWrites(databaseUrl, email, acked);

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
