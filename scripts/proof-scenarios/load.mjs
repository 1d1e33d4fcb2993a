// `make proof`'s load scenario: CLIENTS concurrent clients for SECONDS
// against a running Village, mixing what parents read (this week, the API,
// group pages, calendar feeds, the directory snapshot with and without its
// ETag) with what organisers write (Still accurate, a service edit, a
// cancellation). Every answer must be the one expected; prints one line:
//   load: <backend> <requests> requests, <n> errors, p50 <ms> ms, p99 <ms> ms, <rps> req/s
// and exits 1 on any error.
//
// Usage: node scripts/proof-scenarios/load.mjs <base url> <backend> <seconds> [clients]
// The organiser's email and password come from VILLAGE_ORGANISER_EMAIL and
// VILLAGE_ORGANISER_PASSWORD.

import { signIn } from "./common.mjs";

const [base, backend, secondsArg, clientsArg] = process.argv.slice(2);
const seconds = Number(secondsArg ?? 60);
const clients = Number(clientsArg ?? 200);
const email = process.env.VILLAGE_ORGANISER_EMAIL;
const password = process.env.VILLAGE_ORGANISER_PASSWORD;
if (!base || !backend || !email || !password) {
  console.error("usage: node scripts/proof-scenarios/load.mjs <base url> <backend> <seconds> [clients] (with VILLAGE_ORGANISER_EMAIL and _PASSWORD)");
  process.exit(2);
}

const AREA = "sample-riverside";
// Groups and a service of the organiser's organisation (Riverside Parents Together).
const OWN_GROUPS = ["sample-tuesday-talk", "sample-bump-buddies", "sample-buggy-walk", "sample-stay-and-play"];
const SERVICE = "sample-feeding-cafe";
const GROUPS = ["sample-tuesday-talk", "sample-twins", "sample-evening-circle", "sample-baby-massage", "sample-online-circle"];

const today = new Date().toISOString().slice(0, 10);

/** Every future session of the organiser's groups: each is cancelled once. */
async function cancellable() {
  const answer = await fetch(`${base}/api/v1/areas/${AREA}/sessions?from=${today}&days=56`);
  const week = await answer.json();
  return week.sessions
    .filter((s) => OWN_GROUPS.includes(s.group_id) && !s.cancelled && s.date > today)
    .map((s) => ({ group: s.group_id, date: s.date }));
}

async function serviceForm() {
  // The service as it is, sent back unchanged: a write that keeps the data as it was.
  const service = await (await fetch(`${base}/api/v1/services/${SERVICE}`)).json();
  const yourself = service.referral?.self_referral === "yourself";
  const phone = service.phones?.[0];
  return new URLSearchParams({
    description: service.description ?? "",
    self_referral: yourself ? "yes" : "no",
    referral: yourself ? (service.referral.steps ?? []).join("\n") : (service.referral?.who ?? ""),
    hours_note: service.hours_note ?? "",
    url: service.url ?? "",
    phone1_number: phone?.number ?? "",
    phone1_label: phone?.label ?? "",
    ...(phone?.call ? { phone1_call: "on" } : {}),
    ...(phone?.text ? { phone1_text: "on" } : {}),
    ...(service.crisis ? { crisis: "on" } : {}),
  });
}

const latencies = [];
let requests = 0;
const errors = [];

async function timed(label, expected, url, init) {
  const started = performance.now();
  let status = 0;
  try {
    const answer = await fetch(url, { redirect: "manual", ...init });
    status = answer.status;
    await answer.arrayBuffer();
  } catch (error) {
    status = `no answer (${error.cause?.code ?? error.message})`;
  }
  latencies.push(performance.now() - started);
  requests += 1;
  if (!expected.includes(status)) errors.push(`${label}: ${status}`);
}

async function main() {
  const cookie = await signIn(base, email, password);
  const sessions = await cancellable();
  const form = await serviceForm();
  const snapshot = await fetch(`${base}/api/v1/directory`);
  const etag = snapshot.headers.get("etag");
  await snapshot.arrayBuffer();
  if (!etag) throw new Error("the directory snapshot has no ETag");

  const writeHeaders = { cookie, "content-type": "application/x-www-form-urlencoded" };
  const pick = (list) => list[Math.floor(Math.random() * list.length)];
  const reads = [
    [30, () => timed("this week", [200], `${base}/?area=${AREA}`)],
    [15, () => timed("API sessions", [200], `${base}/api/v1/areas/${AREA}/sessions?from=${today}&days=7`)],
    [15, () => timed("group page", [200], `${base}/groups/${pick(GROUPS)}`)],
    [10, () => timed("group feed", [200], `${base}/api/v1/groups/${pick(GROUPS)}/calendar.ics`)],
    [5, () => timed("group API", [200], `${base}/api/v1/groups/${pick(GROUPS)}`)],
    [10, () => timed("directory", [200], `${base}/api/v1/directory`)],
    [10, () => timed("directory, unchanged", [304, 200], `${base}/api/v1/directory`, { headers: { "if-none-match": etag } })],
  ];
  const writes = [
    () => timed("Still accurate", [303], `${base}/organisers/services/${SERVICE}/confirm`, { method: "POST", headers: writeHeaders, body: "" }),
    () => timed("service edit", [303], `${base}/organisers/services/${SERVICE}/edit`, { method: "POST", headers: writeHeaders, body: form.toString() }),
    () => {
      const session = sessions.pop();
      if (!session) return timed("Still accurate", [303], `${base}/organisers/services/${SERVICE}/confirm`, { method: "POST", headers: writeHeaders, body: "" });
      const body = new URLSearchParams({ date: session.date, reason: "Load test: the hall is closed" });
      return timed("cancellation", [303], `${base}/organisers/groups/${session.group}/cancel`, { method: "POST", headers: writeHeaders, body: body.toString() });
    },
  ];
  const total = reads.reduce((sum, [weight]) => sum + weight, 0);
  const next = () => {
    // About one request in twenty-five is an organiser's write.
    if (Math.random() < 0.04) return pick(writes)();
    let roll = Math.random() * total;
    for (const [weight, read] of reads) {
      roll -= weight;
      if (roll < 0) return read();
    }
    return reads[0][1]();
  };

  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) await next();
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  console.log(
    `load: ${backend} ${requests} requests, ${errors.length} errors, p50 ${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms, ${(requests / elapsed).toFixed(0)} req/s`,
  );
  if (errors.length > 0) {
    const counts = {};
    for (const e of errors) counts[e] = (counts[e] ?? 0) + 1;
    console.error("errors:", counts);
    process.exit(1);
  }
}

main().catch((error) => {
  console.error(`load: ${backend} could not run: ${error.message}`);
  process.exit(1);
});
