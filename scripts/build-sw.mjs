#!/usr/bin/env node
// Writes <site>/sw.js: the service worker in app/sw/worker.js, preceded by its
// version and its precache list, both worked out from the files the build made.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";

const site = process.argv[2];
if (!site || !existsSync(join(site, "pkg"))) {
  console.error("usage: build-sw.mjs <site root with a pkg/ folder>");
  process.exit(1);
}
const files = readdirSync(join(site, "pkg"))
  .filter((file) => /\.(js|wasm|css)$/.test(file) && !file.endsWith(".d.ts"))
  .map((file) => `/pkg/${file}`);
// Pages carry the stylesheet in their head, so the file itself is not kept;
// its name (a hash of its content) still makes a new version when it changes.
const built = files.filter((file) => !file.endsWith(".css"));
const icons = existsSync(join(site, "icons")) ? readdirSync(join(site, "icons")).filter((file) => file.endsWith(".png")).map((file) => `/icons/${file}`) : [];
const precache = ["/offline", "/mood", "/my-groups", "/manifest.webmanifest", "/favicon.svg", "/sw-register.js", ...built, ...icons].sort();
// The names the pages share with the worker (caches, kept copies), then the
// reminder rules, then the worker itself.
const names = readFileSync(new URL("../app/sw/names.json", import.meta.url), "utf8");
const reminders = readFileSync(new URL("../app/sw/reminders.js", import.meta.url), "utf8");
const worker = `const NAMES = ${names.trim()};\n\n${reminders}\n${readFileSync(new URL("../app/sw/worker.js", import.meta.url), "utf8")}`;
// Any change to what is cached, to the worker or to its registration makes a new version.
const register = readFileSync(join(site, "sw-register.js"), "utf8");
const version = createHash("sha256").update(JSON.stringify(precache)).update(JSON.stringify(files)).update(worker).update(register).digest("hex").slice(0, 16);
writeFileSync(
  join(site, "sw.js"),
  `const VERSION = ${JSON.stringify(version)};\nconst PRECACHE = ${JSON.stringify(precache, null, 2)};\n\n${worker}`,
);
console.log(`service worker ${version}: ${precache.length} files to precache`);
