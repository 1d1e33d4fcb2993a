import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export interface OwnServer {
  base: string;
  child: ChildProcess;
  stop: () => void;
}

/**
 * A server of a test's own, on a free port with its own SQLite file in
 * `work`: for another "today", or a site the test can "deploy" over.
 */
export async function startServer(options: { work: string; site?: string; today?: string; sampleData?: boolean }): Promise<OwnServer> {
  const port = await freePort();
  const args = ["serve", "--site-addr", `127.0.0.1:${port}`, "--database-url", `sqlite://${join(options.work, "own.db")}`];
  if (options.sampleData) args.push("--sample-data");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LEPTOS_SITE_ROOT: options.site ?? process.env.VILLAGE_SITE_ROOT ?? "",
    RUST_LOG: "warn",
  };
  if (options.today) env.VILLAGE_TODAY = options.today;
  else delete env.VILLAGE_TODAY;
  // Run from `work`, so that the key file a server makes on first start lands there.
  const child = spawn(process.env.VILLAGE_SERVER_BIN ?? "", args, { env, cwd: options.work, stdio: "ignore" });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
    if (ok) return { base, child, stop: () => child.kill() };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error("the test's own server did not start");
}
