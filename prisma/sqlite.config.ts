// Paths are relative to this file. Prisma CLI configuration for the embedded SQLite database. Offline recipe (Prisma 6.19):
// the Wasm query compiler (`engineType = "client"`) and the JavaScript schema engine over a
// driver adapter, so no engine binary is ever downloaded. See docs/decisions/0003-prisma-offline.md.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { ensureSqliteDirectory } from "../app/db/sqlite-file";

// Prisma does not load .env when a config file is used; a resolvable url keeps the CLI from
// falling back to a native engine.
const url = (process.env.DATABASE_URL ?? "").startsWith("file:") ? (process.env.DATABASE_URL ?? "") : "file:prisma/data/wafa.sqlite";
process.env.DATABASE_URL = url;
// SQLite creates the file but not its directory (a clone has no prisma/data/): without it
// the CLI fails with only "External error id#0".
ensureSqliteDirectory(url.slice("file:".length));

// No Prisma Client is generated (the app queries through Kysely), so tell the CLI which query
// engine kind to assume; otherwise it defaults to the native library and tries to download it.
process.env.PRISMA_CLIENT_ENGINE_TYPE ??= "client";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("sqlite", "schema.prisma"),
  migrations: { path: path.join("sqlite", "migrations") },
  async adapter() {
    return new PrismaBetterSQLite3({ url });
  },
});
