// Wafa's production server: the Remix build on node:http (`npm start`, `npm run sandbox`).
import { createServer } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { parseServerEnv } from "../env.server";
import { nodeVersionWarning } from "./node-version";
import { createRemixListener } from "./node-adapter";
import { staticFiles } from "./static-files";

/** Extra exports of app/entry.server.tsx the host calls (lifecycle hooks). */
type EntryHooks = {
  startSandbox?: (appUrl: string) => Promise<void>;
  startScheduledWork?: () => Promise<{ stop(): Promise<void> }>;
  shutdown?: () => Promise<void>;
};

const env = parseServerEnv(process.env);
const nodeWarning = nodeVersionWarning(env.NODE_ENV);
if (nodeWarning) console.warn(nodeWarning);
const root = process.cwd();
const build = (await import(pathToFileURL(path.join(root, "build", "server", "index.js")).href)) as ServerBuild;
const hooks = build.entry.module as EntryHooks;
const serveStatic = staticFiles(path.join(root, "build", "client"));

const listener = createRemixListener({ build, mode: "production", appUrl: env.SHOPIFY_APP_URL, maxBodyBytes: 1024 * 1024 });
const server = createServer(async (incoming, outgoing) => {
  if (serveStatic(incoming, outgoing)) return;
  await listener(incoming, outgoing);
});
server.keepAliveTimeout = 65_000;

let scheduler: { stop(): Promise<void> } | null = null;
let stopping = false;

server.listen(env.PORT, env.HOST, async () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : env.PORT;
  const url = `http://${env.HOST}:${port}`;
  console.log(`Wafa listening on ${url}`);
  if (env.WAFA_SANDBOX && hooks.startSandbox) {
    try {
      await hooks.startSandbox(url);
    } catch (error) {
      console.error("sandbox start failed:", error);
      process.exitCode = 1;
      server.close();
      return;
    }
  }
  await startJobs();
});

/**
 * Scheduled work (docs/decisions/0007-scheduled-work.md) starts once the server listens
 * (and the sandbox, if any, has installed its shop), unless WAFA_JOBS=off. A scheduler that
 * cannot start is fatal: an instance silently without expiry and bonuses is worse than none.
 */
async function startJobs() {
  if (env.WAFA_JOBS === "off" || !hooks.startScheduledWork || stopping) return;
  try {
    scheduler = await hooks.startScheduledWork();
    if (stopping) await stopJobs();
  } catch (error) {
    console.error("scheduled work failed to start:", error);
    process.exitCode = 1;
    void stop("scheduler failure");
  }
}

async function stopJobs() {
  const running = scheduler;
  scheduler = null;
  try {
    await running?.stop();
  } catch (error) {
    console.error("scheduled work did not stop cleanly:", error);
  }
}

async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: closing`);
  server.close();
  server.closeIdleConnections();
  // Running sweeps end between batches before the database they write to is closed.
  await stopJobs();
  await hooks.shutdown?.();
  process.exit();
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
