import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { parseDatabaseUrl } from "./database.server";
import { ensureSqliteDirectory } from "./sqlite-file";

const require = createRequire(import.meta.url);

const SUCCESS = /All migrations have been successfully applied|No pending migrations to apply/;

/**
 * Applies Prisma's migrations for the database kind `url` selects, with `prisma migrate
 * deploy` over the JavaScript schema engine (no engine download: prisma/*.config.ts).
 *
 * On PostgreSQL, Prisma 6.19's Wasm schema engine leaves a 10-second timer running after
 * it has finished, which keeps the CLI alive. Once the CLI has reported success, the
 * timer cannot matter, so the process is ended then rather than waited for.
 *
 * An SQLite file's directory is created first (a fresh clone has no prisma/data/).
 */
export async function migrateDatabase(url: string, appRoot = process.cwd()): Promise<void> {
  const target = parseDatabaseUrl(url);
  const kind = target.kind;
  // The CLI runs in appRoot, so a relative file: path is relative to it.
  if (target.kind === "sqlite") ensureSqliteDirectory(target.path, appRoot);
  const cli = require.resolve("prisma/build/index.js");
  const config = path.join(appRoot, "prisma", `${kind}.config.ts`);
  let output = "";
  let succeeded = false;
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [cli, "migrate", "deploy", "--config", config], {
      cwd: appRoot,
      env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (!succeeded && SUCCESS.test(output)) {
        succeeded = true;
        setTimeout(() => child.kill("SIGTERM"), 250).unref();
      }
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("error", reject);
    child.on("close", (exitCode) => resolve(exitCode));
  });
  if (!succeeded || (code !== 0 && code !== null)) {
    throw new Error(`prisma migrate deploy failed (${kind}, exit ${code}):\n${output}`);
  }
}
