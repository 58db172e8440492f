// The real production server (build/server/main.js) in a child process, on a free port,
// against a test database: integration tests talk HTTP to it with real signed requests.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { API_KEY, API_SECRET_KEY } from "@shopify/shopify-api/test-helpers";

export type AppServer = {
  readonly url: string;
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly output: () => string;
  stop(): Promise<void>;
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startAppServer(options: { databaseUrl: string; env?: Record<string, string> }): Promise<AppServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv & Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: String(port),
    SHOPIFY_APP_URL: url,
    SHOPIFY_API_KEY: API_KEY,
    SHOPIFY_API_SECRET: API_SECRET_KEY,
    DATABASE_URL: options.databaseUrl,
    LOG_LEVEL: "error",
    // Scheduled jobs would write to the test's database on their own clock: route tests opt in.
    WAFA_JOBS: "off",
    ...options.env,
  };
  let output = "";
  const child: ChildProcess = spawn(process.execPath, [path.join(process.cwd(), "build", "server", "main.js")], { env, stdio: ["ignore", "pipe", "pipe"] });
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Wafa listening on")) resolve();
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`the app server exited (${code}) before listening:\n${output}`)));
  });
  const timeout = new Promise<never>((_resolve, reject) => setTimeout(() => reject(new Error(`the app server did not start:\n${output}`)), 30_000).unref());
  await Promise.race([ready, timeout]);
  return {
    url,
    apiKey: env.SHOPIFY_API_KEY ?? API_KEY,
    apiSecret: env.SHOPIFY_API_SECRET ?? API_SECRET_KEY,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
