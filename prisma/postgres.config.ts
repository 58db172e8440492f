// Prisma CLI configuration for PostgreSQL. Offline recipe (Prisma 6.19): the Wasm query
// compiler and the JavaScript schema engine over @prisma/adapter-pg 7.10 (6.19's adapter
// cannot read `name`-typed catalog columns during migrate). See docs/decisions/0003-prisma-offline.md.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// A DATABASE_URL of another kind (the embedded file: default) must not reach this config:
// an unusable URL makes the CLI fall back to downloading a native engine.
const url = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "") ? (process.env.DATABASE_URL ?? "") : "postgresql://postgres@127.0.0.1:5432/wafa";
process.env.DATABASE_URL = url;

// No Prisma Client is generated (the app queries through Kysely), so tell the CLI which query
// engine kind to assume; otherwise it defaults to the native library and tries to download it.
process.env.PRISMA_CLIENT_ENGINE_TYPE ??= "client";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "schema.prisma",
  migrations: { path: path.join("postgres", "migrations") },
  async adapter() {
    // allowExitOnIdle: let the CLI exit as soon as it is done instead of waiting for idle
    // pooled connections to time out (10 s).
    return new PrismaPg({ connectionString: url, allowExitOnIdle: true });
  },
});
