// Creates the migrations for both databases from the change to prisma/schema.prisma since
// the last migration: `npm run db:migration -- <name>`. prisma/migrations-base.prisma holds
// the schema as of the last migration; `prisma migrate diff` needs no database of either
// kind, so this works offline (see docs/decisions/0002-embedded-database.md).
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { deriveSqliteSchema, SCHEMA_PATH, SQLITE_SCHEMA_PATH } from "./derive-sqlite-schema";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const BASE_SCHEMA_PATH = path.join(ROOT, "prisma", "migrations-base.prisma");

function diff(kind: "postgres" | "sqlite", from: string, to: string, scratch: string): string {
  // The CLI opens its adapter even for a diff: give it a database it can reach.
  const env = { ...process.env, DATABASE_URL: kind === "postgres" ? "postgresql://postgres@127.0.0.1:5432/test" : `file:${path.join(scratch, "diff.sqlite")}` };
  return execFileSync(
    "npx",
    ["prisma", "migrate", "diff", "--config", `prisma/${kind}.config.ts`, "--from-schema-datamodel", from, "--to-schema-datamodel", to, "--script"],
    { cwd: ROOT, env, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
}

function main(name: string | undefined): void {
  if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("usage: npm run db:migration -- <snake_case_name>");
  const current = readFileSync(SCHEMA_PATH, "utf8");
  writeFileSync(SQLITE_SCHEMA_PATH, deriveSqliteSchema(current));
  const scratch = path.join(tmpdir(), `wafa-migration-${process.pid}`);
  mkdirSync(scratch, { recursive: true });
  const baseSqlite = path.join(scratch, "base-sqlite.prisma");
  writeFileSync(baseSqlite, deriveSqliteSchema(readFileSync(BASE_SCHEMA_PATH, "utf8")));
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  for (const [kind, from, to] of [["postgres", BASE_SCHEMA_PATH, SCHEMA_PATH], ["sqlite", baseSqlite, SQLITE_SCHEMA_PATH]] as const) {
    const sql = diff(kind, from, to, scratch);
    if (/This is an empty migration/.test(sql)) {
      console.log(`${kind}: no change`);
      continue;
    }
    const directory = path.join(ROOT, "prisma", kind, "migrations", `${stamp}_${name}`);
    mkdirSync(directory, { recursive: true });
    writeFileSync(path.join(directory, "migration.sql"), sql);
    console.log(`wrote ${path.relative(ROOT, directory)}/migration.sql`);
  }
  copyFileSync(SCHEMA_PATH, BASE_SCHEMA_PATH);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main(process.argv[2]);
