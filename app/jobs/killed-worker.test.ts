import { spawn } from "node:child_process";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { installTestShop } from "../test/shops";
import { bonusKeys, expectGrantedOncePerDay } from "./expect-bonuses.fixture";
import { FAST_SCHEDULER_OPTIONS } from "./fast-scheduler-options.fixture";
import { eventually, recordingLogger } from "./recording-logger.fixture";
import { createScheduler } from "./scheduler.server";
import { seedMembers, testBonusJob } from "./test-bonus-job.fixture";

const DAY = new Date("2026-03-01T09:00:00Z");
const Line = z.looseObject({ event: z.string(), processed: z.number().optional(), jobId: z.string().optional() });
type Line = z.infer<typeof Line>;

/** Starts a worker process (batches of 3, 150 ms each, a 2 s lease), and SIGKILLs it once it has committed `afterBatches` batches. */
async function killWorkerMidSweep(url: string, afterBatches: number): Promise<Line[]> {
  const child = spawn(process.execPath, ["--import", "tsx", "app/jobs/killed-worker.fixture.ts", url, DAY.toISOString(), "3", "150", "2"], { stdio: ["ignore", "pipe", "pipe"] });
  const lines: Line[] = [];
  let errors = "";
  let pending = "";
  child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      pending += chunk.toString();
      const complete = pending.split("\n");
      pending = complete.pop() ?? "";
      lines.push(...complete.map((line) => Line.parse(JSON.parse(line))));
      const committed = lines.filter((line) => line.event === "batch.committed").length;
      if (committed >= afterBatches && child.exitCode === null) child.kill("SIGKILL");
    });
    child.once("exit", (code, signal) => (signal === "SIGKILL" ? resolve() : reject(new Error(`worker exited ${code}: ${errors}`))));
  });
  return lines;
}

describe.each(DATABASE_KINDS)("a worker killed mid-sweep on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.drop());

  it("GIVEN a worker SIGKILLed during a sweep WHEN another worker starts THEN the job completes and every member is granted exactly once", async () => {
    const shop = await installTestShop(database, "killed.myshopify.com");
    const members = await seedMembers(database, shop.id, 30);

    const lines = await killWorkerMidSweep(database.url, 2);
    const granted = (await bonusKeys(database, shop.id)).length;
    // What the worker reported committed is there; the batch it was in is not.
    expect(granted).toBeGreaterThanOrEqual(6);
    expect(granted).toBeLessThan(30);
    expect(granted % 3).toBe(0);

    const recorder = recordingLogger();
    // PostgreSQL: no catch-up tick, so that it is the killed job's retry that finishes.
    const restarted = createScheduler(database, [testBonusJob({ batchSize: 3 })], { ...FAST_SCHEDULER_OPTIONS, now: () => DAY, logger: recorder.logger, runAtStart: kind === "sqlite" });
    try {
      await restarted.start();
      if (kind === "postgres") {
        const killedJob = lines.find((line) => line.event === "job.started")?.jobId;
        expect(killedJob).toBeDefined();
        const state = await eventually("the killed job to be retried and completed", async () => {
          const { rows } = await sql<{ state: string; retryCount: number }>`SELECT state, retry_count AS "retryCount" FROM pgboss.job WHERE id = ${killedJob}::uuid`.execute(database.db);
          return rows[0]?.state === "completed" ? rows[0] : undefined;
        }, 20_000);
        expect(state.retryCount).toBeGreaterThanOrEqual(1);
      } else {
        await eventually("the catch-up run", () => recorder.named("job.finished")[0]);
      }
      expect(recorder.named("job.finished")[0]?.fields).toMatchObject({ processed: 30 - granted, complete: true });
      await expectGrantedOncePerDay(database, shop, members, [DAY]);
    } finally {
      await restarted.stop();
    }
  });
});
