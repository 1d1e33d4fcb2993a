import { existsSync, readFileSync } from "node:fs";
import { expect } from "@playwright/test";

/**
 * Checks that `canary`, typed only into the diary, is in none of the
 * requests the browser made (address, headers or body), no line of the
 * server's log and no byte of its database, and that each check read real
 * data (so it could have failed).
 */
export function expectNeverOnTheServer(requests: string[], canary: string) {
  expect(requests.some((r) => r.includes("/mood")), "the diary's own page requests were recorded").toBe(true);
  expect(requests.filter((r) => r.includes(canary))).toEqual([]);
  const log = readFileSync(process.env.VILLAGE_SERVER_LOG ?? "", "utf8");
  expect(log, "the server logged this session's requests").toContain("/mood");
  expect(log.includes(canary)).toBe(false);
  const db = process.env.VILLAGE_DATABASE ?? "";
  const files = [db, `${db}-wal`].filter((f) => existsSync(f));
  const bytes = Buffer.concat(files.map((f) => readFileSync(f)));
  expect(bytes.includes("Riverside"), "the database check reads real data").toBe(true);
  expect(bytes.includes(canary)).toBe(false);
}
