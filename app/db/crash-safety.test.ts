import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { createTestDatabase, type TestDatabase } from "../test/databases";

/**
 * The embedded database must survive kill -9 during writes with no committed data lost:
 * in WAL mode a COMMIT has reached the WAL file (the OS page cache) before it returns.
 */
describe("the embedded database under kill -9", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    const now = new Date();
    await database.db.insertInto("Shop").values({ domain: "crash.myshopify.com", createdAt: now, updatedAt: now }).execute();
  });
  afterAll(() => database.drop());

  async function writeThenKill(prefix: string, afterCommits: number): Promise<string[]> {
    const child = spawn(process.execPath, ["--import", "tsx", "app/db/crash-writer.fixture.ts", database.url, prefix], { stdio: ["ignore", "pipe", "pipe"] });
    const committed: string[] = [];
    let errors = "";
    child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
    let pending = "";
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        pending += chunk.toString();
        const lines = pending.split("\n");
        pending = lines.pop() ?? "";
        committed.push(...lines);
        if (committed.length >= afterCommits && child.exitCode === null) child.kill("SIGKILL");
      });
      child.once("exit", (code, signal) => (signal === "SIGKILL" ? resolve() : reject(new Error(`writer exited ${code}: ${errors}`))));
    });
    return committed;
  }

  it("GIVEN a writer killed mid-stream, five times THEN every commit it reported is there and the file is intact", async () => {
    const reported: string[] = [];
    for (let round = 0; round < 5; round++) reported.push(...(await writeThenKill(`round${round}`, 150 + round * 97)));
    expect(reported.length).toBeGreaterThan(700);

    const stored = new Set((await database.db.selectFrom("LedgerJournal").select("key").execute()).map((row) => row.key));
    expect(reported.filter((key) => !stored.has(key))).toEqual([]);
    const { rows } = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(database.db);
    expect(rows).toEqual([{ integrity_check: "ok" }]);
    // Every journal that survived is whole: its lines still balance.
    const unbalanced = await database.db
      .selectFrom("LedgerLine")
      .select(["journalId", (eb) => eb.fn.sum<number>("points").as("total")])
      .groupBy("journalId")
      .having((eb) => eb.fn.sum("points"), "!=", 0)
      .execute();
    expect(unbalanced).toEqual([]);
  });
});
