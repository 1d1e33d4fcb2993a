// `make proof`'s cluster scenario: a national deployment in small. Three
// Village instances on one PostgreSQL database, behind HAProxy (Debian's, with
// the configuration docs/operations.md shows), health-checked on /readyz.
// Parents' reads and organisers' writes go through the balancer while
//   1. a rolling release replaces each instance in turn: drained in HAProxy,
//      stopped with SIGTERM (it finishes what it has), started again, and let
//      back in once ready; not one request may fail;
//   2. one instance is killed with SIGKILL: only the requests in flight on it
//      may fail, and every write that was acknowledged is in the database once
//      (a write whose answer was lost is sent again with its Idempotency-Key).
// Meanwhile a write through the balancer must show on every instance within a
// second. Prints one line:
//   cluster: postgres 3 instances behind HAProxy, <n> requests, rolling release 0 failed, ...
// and exits 1 if any of that fails.
//
// Usage: node scripts/proof-scenarios/cluster.mjs <server binary> <database url> <seconds> [clients]
// The organiser's email and password come from VILLAGE_ORGANISER_EMAIL and
// VILLAGE_ORGANISER_PASSWORD; the server's settings (LEPTOS_SITE_ROOT…) from
// the environment.

import { spawn, spawnSync } from "node:child_process";
import { createConnection } from "node:net";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { changes, createOrganiser, freePort, signIn, sleep, tallyWrites } from "./common.mjs";

const [serverBin, databaseUrl, secondsArg, clientsArg] = process.argv.slice(2);
const seconds = Number(secondsArg ?? 60);
const clients = Number(clientsArg ?? 50);
const email = process.env.VILLAGE_ORGANISER_EMAIL;
const password = process.env.VILLAGE_ORGANISER_PASSWORD;
if (!serverBin || !databaseUrl || !email || !password) {
  console.error("usage: node scripts/proof-scenarios/cluster.mjs <server binary> <database url> <seconds> [clients] (with VILLAGE_ORGANISER_EMAIL and _PASSWORD)");
  process.exit(2);
}

// Organisers' writes: two at a time, each writer pausing a quarter of a
// second between changes, about 7 a second (far more than a nation's
// organisers send; every write makes every instance read the published data
// again). The crash scenario is the one that hammers writes.
const WRITERS = 2;
const WRITE_PAUSE_MS = 250;
const AREA = "sample-riverside";
const GROUPS = ["sample-tuesday-talk", "sample-twins", "sample-evening-circle", "sample-baby-massage", "sample-online-circle"];
const SEEN_WITHIN_MS = 1000;
const work = mkdtempSync(join(tmpdir(), "village-cluster-"));
// Every instance of a deployment has the same key (docs/operations.md).
const secretKey = randomBytes(32).toString("hex");
const today = new Date().toISOString().slice(0, 10);

const instances = [];
for (let i = 1; i <= 3; i++) instances.push({ name: `village${i}`, port: await freePort(), child: null });
const balancerPort = await freePort();
const base = `http://127.0.0.1:${balancerPort}`;
const adminSocket = join(work, "haproxy.sock");
let haproxy = null;

// ---------------------------------------------------------------- the pieces

const running = (instance) => instance.child !== null && instance.child.exitCode === null && instance.child.signalCode === null;

async function ready(port) {
  try {
    const answer = await fetch(`http://127.0.0.1:${port}/readyz`);
    await answer.arrayBuffer();
    return answer.ok;
  } catch {
    return false;
  }
}

async function startInstance(instance, { sampleData = false } = {}) {
  const log = openSync(join(work, `${instance.name}.log`), "a");
  instance.child = spawn(
    serverBin,
    ["serve", "--site-addr", `127.0.0.1:${instance.port}`, "--database-url", databaseUrl, ...(sampleData ? ["--sample-data"] : [])],
    {
      stdio: ["ignore", log, log],
      cwd: work,
      env: { ...process.env, RUST_LOG: process.env.PROOF_CLUSTER_LOG ?? "warn", VILLAGE_SECRET_KEY: secretKey, VILLAGE_CLIENT_IP_HEADER: "x-forwarded-for" },
    },
  );
  closeSync(log);
  const started = performance.now();
  while (!(await ready(instance.port))) {
    if (!running(instance)) throw new Error(`${instance.name} stopped while starting; see its log in ${work}`);
    if (performance.now() - started > 20_000) throw new Error(`${instance.name} was not ready in 20 s`);
    await sleep(20);
  }
}

async function stopInstance(instance, signal) {
  const exited = new Promise((resolve) => instance.child.once("exit", resolve));
  instance.child.kill(signal);
  await exited;
}

/** One command to HAProxy's admin socket; its answer. */
function admin(command) {
  return new Promise((resolve, reject) => {
    const socket = createConnection(adminSocket);
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk));
    socket.on("end", () => resolve(answer));
    socket.on("error", reject);
    socket.write(`${command}\n`);
  });
}

/** The balancer's view of an instance: its status and its open sessions. */
async function balancerView(instance) {
  const csv = (await admin("show stat")).split("\n");
  const header = csv[0].replace(/^# /, "").split(",");
  const row = csv.map((line) => line.split(",")).find((cells) => cells[0] === "village" && cells[1] === instance.name);
  if (!row) throw new Error(`HAProxy does not list ${instance.name}`);
  const cell = (name) => row[header.indexOf(name)];
  return { status: cell("status"), sessions: Number(cell("scur")) };
}

async function until(what, check, limitMs = 20_000) {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > limitMs) throw new Error(`${what}: not after ${limitMs / 1000} s`);
    await sleep(25);
  }
}

function haproxyConfig() {
  const servers = instances.map((i) => `    server ${i.name} 127.0.0.1:${i.port}`).join("\n");
  return `# Written by scripts/proof-scenarios/cluster.mjs; docs/operations.md explains each line.
global
    maxconn 4096
    stats socket ${adminSocket} mode 600 level admin

defaults
    mode http
    timeout connect 2s
    timeout client 30s
    timeout server 30s
    timeout http-keep-alive 10s
    # A request an instance could not take (refused, reset, closed with no
    # answer) goes to another instance: up to 3 tries, each on a different
    # one. Not on a slow answer: sending it again would only add load.
    retries 3
    option redispatch 1
    retry-on conn-failure empty-response

frontend public
    bind 127.0.0.1:${balancerPort}
    # The client's address, for the waits after failed sign-ins and the
    # report limits (VILLAGE_CLIENT_IP_HEADER=x-forwarded-for).
    option forwardfor
    # Once a request has reached an instance it is sent again only if doing
    # so twice is harmless: a read. (A write an instance never took is still
    # sent elsewhere; an organiser's form sent again lands once anyway, by
    # the key in the form, but not every form has one.)
    http-request disable-l7-retry unless METH_GET || METH_HEAD
    default_backend village

backend village
    balance roundrobin
    option httpchk GET /readyz
    http-check expect status 200
    default-server check inter 500ms fastinter 100ms downinter 250ms fall 2 rise 2
${servers}
`;
}

async function startBalancer() {
  const config = join(work, "haproxy.cfg");
  writeFileSync(config, haproxyConfig());
  const checked = spawnSync("haproxy", ["-c", "-q", "-f", config]);
  if (checked.status !== 0) throw new Error(`HAProxy refuses its configuration: ${checked.stderr}${checked.stdout}`);
  const log = openSync(join(work, "haproxy.log"), "a");
  haproxy = spawn("haproxy", ["-db", "-f", config], { stdio: ["ignore", log, log] });
  closeSync(log);
  await until("HAProxy answering with every instance up", async () => {
    try {
      for (const instance of instances) if ((await balancerView(instance)).status !== "UP") return false;
      return true;
    } catch {
      return false;
    }
  });
}

// ------------------------------------------------------------------- the load

const requests = [];
const writeProblems = [];
const acked = [];
const retries = [];
const seenAfter = [];
const slowProbes = [];
const t0 = performance.now();
const at = (moment) => `${((moment - t0) / 1000).toFixed(1)} s`;
let stopping = false;
let cookie = "";

async function timed(label, expected, url, init) {
  const record = { label, started: performance.now(), ended: 0, ok: false, status: 0 };
  try {
    const answer = await fetch(url, { redirect: "manual", ...init });
    record.status = answer.status;
    await answer.arrayBuffer();
    record.ok = expected.includes(answer.status);
  } catch (error) {
    record.status = `no answer (${error.cause?.code ?? error.message})`;
  }
  record.ended = performance.now();
  requests.push(record);
  return record;
}

const pick = (list) => list[Math.floor(Math.random() * list.length)];
const reads = [
  () => timed("this week", [200], `${base}/?area=${AREA}`),
  () => timed("API sessions", [200], `${base}/api/v1/areas/${AREA}/sessions?from=${today}&days=7`),
  () => timed("group page", [200], `${base}/groups/${pick(GROUPS)}`),
  () => timed("group feed", [200], `${base}/api/v1/groups/${pick(GROUPS)}/calendar.ics`),
  () => timed("directory", [200], `${base}/api/v1/directory`),
];

async function reader() {
  while (!stopping) await pick(reads)();
}

/** Whether an instance, asked directly, shows an extra session: true, or
 *  what it showed instead. */
async function showsExtra(instance, change) {
  const date = change.body.get("date");
  const group = change.path.split("/")[3];
  try {
    const answer = await fetch(`http://127.0.0.1:${instance.port}/api/v1/areas/${AREA}/sessions?from=${date}&days=1`, {
      signal: AbortSignal.timeout(1_000),
    });
    if (!answer.ok) return `answered ${answer.status}`;
    const day = await answer.json();
    return day.sessions.some((s) => s.group_id === group && s.start === "06:07") || `listed ${day.sessions.length} sessions without it`;
  } catch (error) {
    return `no answer (${error.cause?.code ?? error.name})`;
  }
}

/** After an extra session is acknowledged: how long until every instance
 *  that is running shows it, each asked on its own. An instance stopped or
 *  restarting meanwhile is not waited for (a restarted one reads the
 *  database afresh). */
async function timeUntilSeen(change, acknowledgedAt) {
  const waits = instances.filter(running).map(async (instance) => {
    const child = instance.child;
    let shown = false;
    while (performance.now() - acknowledgedAt < 5_000) {
      if (instance.child !== child || !running(instance)) return 0;
      shown = await showsExtra(instance, change);
      if (shown === true) return performance.now() - acknowledgedAt;
      await sleep(10);
    }
    slowProbes.push(`${instance.name}: ${change.mark}, acknowledged at ${at(acknowledgedAt)}, not shown after 5 s; it last ${shown}`);
    return Infinity;
  });
  seenAfter.push(Math.max(...(await Promise.all(waits))));
}

const nextChange = changes();
let probing = false;
async function writer() {
  while (!stopping || retries.length > 0) {
    const change = retries.shift() ?? (stopping ? null : nextChange());
    if (!change) break;
    if (!stopping) await sleep(WRITE_PAUSE_MS);
    const record = await timed(`write: ${change.kind}`, [303], `${base}${change.path}`, {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded", "idempotency-key": change.key },
      body: change.body.toString(),
    });
    if (record.status === 303) {
      acked.push(change);
      // One probe at a time: how soon every instance shows this write.
      if (change.kind === "extra" && !probing) {
        probing = true;
        timeUntilSeen(change, record.ended).finally(() => (probing = false));
      }
    } else if (typeof record.status === "string" || record.status >= 500 || record.status === 409) {
      // No answer, or the instance went away: the same change, the same key, again.
      retries.push(change);
    } else {
      writeProblems.push(`${change.kind}: ${record.status}`);
    }
  }
}

// ---------------------------------------------------------------- the events

async function rollingRelease() {
  for (const instance of instances) {
    await admin(`set server village/${instance.name} state drain`);
    await until(`${instance.name} drained`, async () => (await balancerView(instance)).sessions === 0);
    await stopInstance(instance, "SIGTERM");
    // The release: a new process (here the same binary) on the same address.
    await startInstance(instance);
    await admin(`set server village/${instance.name} state ready`);
    await until(`${instance.name} back in the balancer`, async () => (await balancerView(instance)).status === "UP");
  }
}

async function main() {
  const migrated = spawnSync(serverBin, ["migrate", "--database-url", databaseUrl], { env: { ...process.env, RUST_LOG: "warn" } });
  if (migrated.status !== 0) throw new Error(`server migrate failed: ${migrated.stderr}`);
  await startInstance(instances[0], { sampleData: true });
  await Promise.all(instances.slice(1).map((instance) => startInstance(instance)));
  createOrganiser(serverBin, databaseUrl, email, password);
  await startBalancer();
  cookie = await signIn(base, email, password);

  const started = performance.now();
  const load = [...Array.from({ length: clients }, reader), ...Array.from({ length: WRITERS }, writer)];
  await sleep(Math.min(5_000, seconds * 100));

  const rollStarted = performance.now();
  await rollingRelease();
  const rollEnded = performance.now();

  await sleep(Math.max(1_000, (started + seconds * 500 - performance.now())));
  const victim = instances[1];
  const killedAt = performance.now();
  await stopInstance(victim, "SIGKILL");
  // What an orchestrator does: a new instance, let in once it is ready.
  await sleep(2_000);
  await startInstance(victim);
  await until(`${victim.name} back after the kill`, async () => (await balancerView(victim)).status === "UP");

  await sleep(Math.max(0, started + seconds * 1000 - performance.now()));
  stopping = true;
  const stoppedAt = performance.now();
  await Promise.all(load);
  while (probing) await sleep(10);
  const elapsed = (performance.now() - started) / 1000;

  const failed = requests.filter((r) => !r.ok);
  const duringRoll = failed.filter((r) => r.ended >= rollStarted && r.started <= rollEnded);
  const inFlightAtKill = failed.filter((r) => r.started <= killedAt && r.ended >= killedAt);
  const otherwise = failed.filter((r) => !duringRoll.includes(r) && !inFlightAtKill.includes(r));
  const { lost, duplicated } = tallyWrites(databaseUrl, email, acked);
  const seen = [...seenAfter].sort((a, b) => a - b);
  const slowest = seen.at(-1) ?? Infinity;
  const median = seen[Math.floor(seen.length / 2)] ?? Infinity;
  const panicked = instances.some((i) => readFileSync(join(work, `${i.name}.log`), "utf8").includes("panicked"));

  const version = spawnSync("haproxy", ["-v"]).stdout.toString().match(/version (\S+)/)?.[1] ?? "?";
  console.log(
    `cluster: postgres 3 instances behind HAProxy ${version}, ${requests.length} requests (${(requests.length / elapsed).toFixed(0)} req/s), ` +
      `rolling release of 3 (${((rollEnded - rollStarted) / 1000).toFixed(1)} s): ${duringRoll.length} failed; SIGKILL of 1: ${inFlightAtKill.length} failed, all in flight, ${otherwise.length} other failures; ` +
      `${acked.length} acknowledged writes, ${lost} lost, ${duplicated} duplicated; ` +
      `a write seen on every instance within ${Math.round(median)} ms (median), ${Math.round(slowest)} ms (slowest of ${seen.length})`,
  );
  const tally = (list) => list.reduce((t, r) => ({ ...t, [`${r.label}: ${r.status}`]: (t[`${r.label}: ${r.status}`] ?? 0) + 1 }), {});
  if (duringRoll.length > 0) console.error("failed during the rolling release:", tally(duringRoll));
  if (otherwise.length > 0) console.error("failed otherwise:", tally(otherwise));
  if (slowProbes.length > 0) {
    console.error(`rolling release ${at(rollStarted)} to ${at(rollEnded)}, SIGKILL at ${at(killedAt)}, load stopped at ${at(stoppedAt)}`);
    console.error("writes not seen:", slowProbes.slice(0, 5));
  }
  if (writeProblems.length > 0) console.error("writes refused:", writeProblems.slice(0, 5));
  if (panicked) console.error(`cluster: an instance panicked; logs in ${work}`);
  const ok =
    duringRoll.length === 0 && otherwise.length === 0 && lost === 0 && duplicated === 0 &&
    writeProblems.length === 0 && !panicked && seen.length > 0 && slowest <= SEEN_WITHIN_MS;
  return ok;
}

let ok = false;
try {
  ok = await main();
} catch (error) {
  console.error(`cluster: could not run: ${error.message}`);
} finally {
  for (const instance of instances) if (running(instance)) instance.child.kill("SIGTERM");
  haproxy?.kill("SIGTERM");
  await sleep(500);
  if (ok) rmSync(work, { recursive: true, force: true });
  else console.error(`cluster: logs kept in ${work}`);
}
process.exit(ok ? 0 : 1);
