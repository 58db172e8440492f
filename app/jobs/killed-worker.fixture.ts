// Test fixture (spawned by killed-worker.test.ts): an app instance whose scheduler starts a
// slow test-bonus sweep at once. It prints each log event and each committed batch as a
// JSON line, and runs until it is killed.
import { z } from "zod";
import { openDatabase } from "../db/database.server";
import { FAST_SCHEDULER_OPTIONS } from "./fast-scheduler-options.fixture";
import { createScheduler } from "./scheduler.server";
import type { JobLogFields } from "./scheduler-options";
import { testBonusJob } from "./test-bonus-job.fixture";

// <database url> <now (ISO)> <batch size> <delay per batch, ms> <lease, s>
const Args = z.tuple([z.string().min(1), z.iso.datetime(), z.coerce.number().int().positive(), z.coerce.number().int().min(0), z.coerce.number().int().min(2)]);
const [url, now, batchSize, delayMs, leaseSeconds] = Args.parse(process.argv.slice(2));

const print = (event: string, fields: JobLogFields) => void process.stdout.write(`${JSON.stringify({ event, ...fields })}\n`);
const job = testBonusJob({ batchSize, delayMs, onBatchCommitted: ({ batch, processed }) => print("batch.committed", { batch, processed }) });
const scheduler = createScheduler(openDatabase(url), [job], {
  ...FAST_SCHEDULER_OPTIONS,
  leaseSeconds,
  now: () => new Date(now),
  logger: { info: print, warn: print, error: print },
});
await scheduler.start();
// The scheduler's own timers do not hold the process open (they are unref'd); the test kills it.
setInterval(() => undefined, 60_000);
