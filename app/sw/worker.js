// Village's service worker. scripts/build-sw.mjs writes target/site/sw.js from
// this file, putting VERSION and PRECACHE (the hashed build files, icons, the
// manifest and the offline page), NAMES (names.json, shared with the pages)
// and the reminder rules (reminders.js) in front of it at build time.
/* global VERSION, PRECACHE, NAMES, dueReminders, rememberShown */

const CACHE = `village-${VERSION}`;
const PAGE_TIMEOUT_MS = 3000;
const OFFLINE_PAGE = "/offline";
// Answers from the cache say so, so that tests (and curious people) can tell.
const FROM_CACHE_HEADER = NAMES.fromCopyHeader;
// Pages kept to open with no signal, at most: the oldest kept go first.
const MAX_PAGES = 30;

self.addEventListener("install", (event) => {
  // No skipWaiting here: a new version waits until the person chooses to
  // reload, so nothing they are typing is lost.
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      // The kept data (My groups, reminder settings) outlives versions.
      .then((keys) =>
        Promise.all(keys.filter((key) => key.startsWith("village-") && key !== CACHE && key !== NAMES.keptCache).map((key) => caches.delete(key))),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "SKIP_WAITING") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(networkFirstPage(request));
  } else if (url.pathname.startsWith("/pkg/") || PRECACHE.includes(url.pathname)) {
    event.respondWith(cacheFirst(request));
  } else if (url.pathname === NAMES.myGroups) {
    event.respondWith(networkFirstKept(request, NAMES.keptMyGroups));
  }
  // Everything else (server functions, data) goes to the network as usual;
  // features add their own data caches here.
});

async function networkFirstPage(request) {
  const cache = await caches.open(CACHE);
  const network = fetch(request);
  // If the saved copy is shown, the network's answer still refreshes it.
  const kept = network.then((response) => keepPage(cache, request, response));
  kept.catch(() => {});
  try {
    return await withTimeout(kept, PAGE_TIMEOUT_MS);
  } catch (_offlineOrSlow) {
    const page = await cache.match(request, { ignoreSearch: false });
    if (page) return markFromCache(page);
    // Nothing saved for this page: a slow answer is better than "You're
    // offline", so keep waiting for the network unless it has failed.
    try {
      return await kept;
    } catch (_offline) {
      const offline = await cache.match(OFFLINE_PAGE);
      return offline ? markFromCache(offline) : Response.error();
    }
  }
}

// Private pages say `no-store` and are never kept; nor is a search
// (`?q=…`): what someone looked for stays off the phone. A kept page is only
// ever shown as the saved copy, so it is kept as it will be shown: with no
// signal, it is sent as it is, without being read first. A page that stops
// halfway (the signal lost) fails here, as a failed answer does; a page the
// phone could not keep (its storage full, a cache being swapped) is still
// the page, and is shown.
async function keepPage(cache, request, response) {
  const cacheControl = response.headers.get("cache-control") || "";
  const searched = new URL(request.url).searchParams.has("q");
  if (response.ok && !cacheControl.includes("no-store") && !searched) {
    const shown = await revealSavedCopy(response.clone());
    try {
      await cache.put(request, shown);
      await forgetOldPages(cache);
    } catch (_notKept) {
      // Shown all the same; kept next time there is room.
    }
  }
  return response;
}

// Keeps at most MAX_PAGES pages besides the precached files; the cache
// lists them in the order they were last kept, oldest first.
async function forgetOldPages(cache) {
  const pages = (await cache.keys()).filter((kept) => {
    const url = new URL(kept.url);
    return !url.pathname.startsWith("/pkg/") && !(PRECACHE.includes(url.pathname) && url.search === "");
  });
  await Promise.all(pages.slice(0, Math.max(0, pages.length - MAX_PAGES)).map((old) => cache.delete(old)));
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return markFromCache(cached);
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timed out")), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

// A saved page carries a hidden note with the day it was made ("this is the
// copy saved on …"); the kept copy has it shown, since the copy is only what
// we answer with when the network is not there. The note's opening tag, hidden
// and shown, is in names.json: the pages write it (a Rust test checks), the
// worker swaps it (worker.test.mjs checks).
async function revealSavedCopy(response) {
  const html = await response.text();
  const shown = html.replace(NAMES.savedCopyHidden, () => NAMES.savedCopyShown);
  return new Response(shown, { status: response.status, statusText: response.statusText, headers: response.headers });
}

function markFromCache(response) {
  const headers = new Headers(response.headers);
  headers.set(FROM_CACHE_HEADER, "cache");
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

// Data the phone keeps one copy of (the last answer wins), answered from the
// copy when there is no signal: My groups reads it offline and the
// reminders read it with no network at all.
async function networkFirstKept(request, key) {
  const kept = await caches.open(NAMES.keptCache);
  try {
    const response = await withTimeout(fetch(request), PAGE_TIMEOUT_MS);
    if (response.ok) {
      // A full phone must not cost the person the answer itself.
      await kept.put(key, response.clone()).catch(() => {});
      return response;
    }
    // A refusal or a server in trouble: the phone's copy is better than nothing.
    const copy = await kept.match(key);
    return copy ? markFromCache(copy) : response;
  } catch (_offlineOrSlow) {
    const copy = await kept.match(key);
    return copy ? markFromCache(copy) : Response.error();
  }
}

async function keptJson(cache, key) {
  const response = await cache.match(key);
  if (!response) return null;
  try {
    return await response.json();
  } catch (_damaged) {
    return null;
  }
}

// The installed app wakes now and then (Periodic Background Sync; the
// browser chooses when): reminders are worked out from the kept copies, and
// nothing is fetched.
self.addEventListener("periodicsync", (event) => {
  if (event.tag === NAMES.reminderTag) event.waitUntil(remind(new Date()));
});

async function remind(now) {
  if (self.Notification && self.Notification.permission !== "granted") return;
  const kept = await caches.open(NAMES.keptCache);
  const settings = await keptJson(kept, NAMES.keptReminders);
  if (!settings) return;
  const shown = await keptJson(kept, NAMES.keptShown);
  const due = dueReminders(now, settings, await keptJson(kept, NAMES.keptMyGroups), shown);
  for (const reminder of due) {
    await self.registration.showNotification(reminder.title, {
      body: reminder.body,
      tag: reminder.tag,
      // No icon: loading one would be a request, and the reminder makes none.
      data: { url: reminder.url },
    });
  }
  const remembered = rememberShown(now, shown, due.map((reminder) => reminder.tag));
  await kept.put(NAMES.keptShown, new Response(JSON.stringify(remembered), { headers: { "content-type": "application/json" } }));
}

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const path = event.notification.data && typeof event.notification.data.url === "string" ? event.notification.data.url : "/";
  // Only this site's own pages open from a reminder.
  let url = new URL("/", self.location.origin).href;
  try {
    const asked = new URL(path, self.location.origin);
    if (asked.origin === self.location.origin) url = asked.href;
  } catch (_notAnAddress) {
    // stays "/"
  }
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      const open = windows.find((client) => client.url === url);
      return open ? open.focus() : self.clients.openWindow(url);
    }),
  );
});
