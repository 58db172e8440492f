// A fresh clone has no prisma/data/ (git-ignored): every way of opening or migrating an
// SQLite file must create its directory, or say clearly why it cannot.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "./database.server";
import { migrateDatabase } from "./migrate.server";
import { ensureSqliteDirectory, isInMemorySqlite } from "./sqlite-file";

const scratch = mkdtempSync(path.join(tmpdir(), "wafa-sqlite-dir-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const tables = async (url: string) => {
  const database = openDatabase(url);
  try {
    return (await database.db.introspection.getTables()).map((table) => table.name);
  } finally {
    await database.close();
  }
};

describe("the SQLite database's directory", () => {
  it("GIVEN a relative path under directories that do not exist THEN they are created against the base, as SQLite resolves it", () => {
    const base = path.join(scratch, "clone");
    expect(ensureSqliteDirectory("prisma/data/wafa.sqlite", base)).toBe(path.join(base, "prisma", "data"));
    expect(existsSync(path.join(base, "prisma", "data"))).toBe(true);
    expect(ensureSqliteDirectory(`${path.join(scratch, "absolute", "x")}/db.sqlite?mode=rwc`, "/nowhere")).toBe(path.join(scratch, "absolute", "x"));
  });

  it("GIVEN an in-memory database THEN nothing is created", () => {
    for (const file of [":memory:", "", "file::memory:?cache=shared", "db?mode=memory"]) {
      expect(isInMemorySqlite(file)).toBe(true);
      expect(ensureSqliteDirectory(file, path.join(scratch, "never"))).toBeUndefined();
    }
    expect(existsSync(path.join(scratch, "never"))).toBe(false);
  });

  it("GIVEN a file where the directory should be THEN the error names the database and the directory", async () => {
    const blocker = path.join(scratch, "blocker");
    writeFileSync(blocker, "not a directory");
    const url = `file:${blocker}/data/wafa.sqlite`;
    expect(() => openDatabase(url)).toThrow(`Cannot create the directory ${blocker}/data for the SQLite database "${blocker}/data/wafa.sqlite"`);
    await expect(migrateDatabase(url)).rejects.toThrow(/Cannot create the directory .*blocker\/data.*point DATABASE_URL/);
  });

  it("GIVEN a database URL in a directory that does not exist WHEN migrateDatabase runs (sandbox, db:migrate, tests) THEN it is created and migrated", async () => {
    const url = `file:${path.join(scratch, "migrate", "prisma", "data", "wafa.sqlite")}`;
    await migrateDatabase(url);
    expect(await tables(url)).toContain("Shop");
  });

  it("GIVEN a database URL in a directory that does not exist WHEN Prisma's CLI runs with prisma/sqlite.config.ts directly THEN it is created and migrated", async () => {
    const file = path.join(scratch, "cli", "data", "wafa.sqlite");
    const cli = createRequire(import.meta.url).resolve("prisma/build/index.js");
    const result = spawnSync(process.execPath, [cli, "migrate", "deploy", "--config", path.join("prisma", "sqlite.config.ts")], {
      env: { ...process.env, DATABASE_URL: `file:${file}`, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(`${result.stdout}${result.stderr}`).toMatch(/All migrations have been successfully applied/);
    expect(await tables(`file:${file}`)).toContain("Shop");
  });

  it("GIVEN a database URL in a directory that does not exist WHEN the app opens it THEN it is created", async () => {
    const url = `file:${path.join(scratch, "open", "deep", "wafa.sqlite")}`;
    expect(await tables(url)).toEqual([]);
  });
});
