import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, cpSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test, expect, watchForeignRequests } from "./fixtures";
import { Shell } from "../pages/shell";

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** A server of this test's own, on a copy of the built site that the test can "deploy" over. */
async function startOwnServer(site: string, work: string) {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.env.VILLAGE_SERVER_BIN ?? "",
    ["serve", "--site-addr", `127.0.0.1:${port}`, "--database-url", `sqlite://${join(work, "update.db")}`],
    { env: { ...process.env, LEPTOS_SITE_ROOT: site, RUST_LOG: "warn" }, stdio: "ignore" },
  );
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
    if (ok) return { base, child };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error("the test's own server did not start");
}

test("a new deploy shows the update banner, and Reload picks up the new version", async ({ browser, foreignRequests }) => {
  const work = mkdtempSync(join(tmpdir(), "village-update-"));
  const site = join(work, "site");
  cpSync(process.env.VILLAGE_SITE_ROOT ?? "", site, { recursive: true });
  const { base, child } = await startOwnServer(site, work);
  const context = await browser.newContext({ baseURL: base });
  watchForeignRequests(context, base, foreignRequests);
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    const shell = new Shell(page);
    await shell.goto("/");
    await page.waitForFunction(async () => (await navigator.serviceWorker.ready) && navigator.serviceWorker.controller !== null);
    const banner = page.getByText("A new version is ready.");
    await expect(banner).toBeHidden();

    // "Deploy" a changed build: any change to the worker makes a new version.
    appendFileSync(join(site, "sw.js"), "\n// a new deploy\n");
    await page.reload();
    await expect(banner).toBeVisible({ timeout: 15_000 });
    // Nothing reloads by itself: the person decides.
    await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: "Reload" }).click()]);
    await shell.waitForHydration();
    await expect(banner).toBeHidden();
    await expect(shell.heading()).toHaveText("This week");
    expect(errors).toEqual([]);
  } finally {
    await context.close();
    child.kill();
    rmSync(work, { recursive: true, force: true });
  }
});
