// Reminders the person chose, worked out in the service worker from what is
// already on the phone: the settings they saved, the My groups outlook the
// phone keeps, and the reminders already shown. Pure functions (the worker
// shows what they return), tested in reminders.test.mjs with fixed clocks.
// Nothing here asks the network.

// From this hour on the day before, a group's reminder is due ("the evening before").
const EVENING_HOUR = 17;
// If the evening passed without the phone waking, a reminder on the day
// itself is still useful, until this long before the start.
const SAME_DAY_LEAD_MINUTES = 60;
// Reminders shown are remembered this long, so none is shown twice.
const SHOWN_KEEP_DAYS = 14;
// At most this many notifications at once.
const MAX_AT_ONCE = 3;
// A group's reminder comes only from a copy at most this many days old: an
// older one may not know of a cancellation since.
const MAX_COPY_AGE_DAYS = 2;

function pad(n) {
  return String(n).padStart(2, "0");
}

// "2026-12-08" for a Date, by the phone's own clock.
function localDay(date) {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

// A Date at a local "2026-12-08" and "10:00" (or "10:00:00").
function localAt(day, time) {
  const [y, m, d] = day.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  return new Date(y, m - 1, d, hh, mm);
}

function isTime(value) {
  return typeof value === "string" && /^([01]\d|2[0-3]):[0-5]\d$/.test(value);
}

// What to show at `now`: [{ tag, title, body, url }]. `settings` is
// { groups: bool, mood: "HH:MM" | null, details: bool }; the title is
// always "Village", and the body stays empty unless the person chose to see
// details (what shows on a lock screen is theirs to choose).
function dueReminders(now, settings, outlook, shown) {
  if (!settings || typeof settings !== "object") return [];
  const already = new Set(Array.isArray(shown) ? shown.map((s) => s.tag) : []);
  const due = [];
  const today = localDay(now);
  if (isTime(settings.mood)) {
    const tag = `mood:${today}`;
    if (now >= localAt(today, settings.mood) && !already.has(tag)) {
      due.push({
        tag,
        title: "Village",
        body: settings.details ? "How are you today? If you'd like to, a check-in takes a minute." : "",
        url: "/mood",
      });
    }
  }
  const copyFresh =
    outlook && typeof outlook.made === "string" && localAt(outlook.made, "00:00") >= new Date(now.getFullYear(), now.getMonth(), now.getDate() - MAX_COPY_AGE_DAYS);
  if (settings.groups && copyFresh && Array.isArray(outlook.groups)) {
    for (const group of outlook.groups) {
      if (typeof group.id !== "string" || typeof group.title !== "string") continue;
      for (const session of Array.isArray(group.sessions) ? group.sessions : []) {
        if (!session || typeof session.date !== "string" || typeof session.starts !== "string" || !isTime(session.starts.slice(0, 5))) continue;
        if (session.cancelled !== null && session.cancelled !== undefined) continue;
        const starts = localAt(session.date, session.starts);
        const dayBefore = new Date(starts.getFullYear(), starts.getMonth(), starts.getDate() - 1, EVENING_HOUR, 0);
        const latest = new Date(starts.getTime() - SAME_DAY_LEAD_MINUTES * 60_000);
        const tag = `group:${group.id}:${session.date}:${session.starts.slice(0, 5)}`;
        if (now < dayBefore || now > latest || already.has(tag)) continue;
        const when = localDay(now) === session.date ? "today" : "tomorrow";
        due.push({
          tag,
          title: "Village",
          body: settings.details ? `${group.title} meets ${when} at ${session.starts.slice(0, 5)}.` : "",
          url: `/groups/${group.id}`,
        });
      }
    }
  }
  return due.slice(0, MAX_AT_ONCE);
}

// The shown list with `tags` added and anything older than SHOWN_KEEP_DAYS dropped.
function rememberShown(now, shown, tags) {
  const since = now.getTime() - SHOWN_KEEP_DAYS * 86_400_000;
  const kept = (Array.isArray(shown) ? shown : []).filter((s) => typeof s.at === "number" && s.at >= since);
  return [...kept, ...tags.map((tag) => ({ tag, at: now.getTime() }))];
}
