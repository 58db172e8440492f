import type { AppDatabase } from "../db/database.server";
import { createInProcessScheduler } from "./in-process-scheduler.server";
import { assertValidJobs, type JobDefinition } from "./job";
import { createPgBossScheduler } from "./pg-boss-scheduler.server";
import { resolveSchedulerOptions, type Scheduler, type SchedulerOptions } from "./scheduler-options";

export type { JobContext, JobDefinition, JobResult, ShopJobContext } from "./job";
export type { JobLogFields, JobLogger, Scheduler, SchedulerOptions } from "./scheduler-options";
export { consoleJobLogger } from "./scheduler-options";
export { sweepInBatches, type BatchProgress, type SweepOptions } from "./sweep.server";

/**
 * The scheduler for the app's database: pg-boss on PostgreSQL (several instances may
 * share the database), an in-process timer on the embedded SQLite database (one process).
 * The host starts it after the server listens and stops it on SIGTERM, before closing the
 * database. See docs/decisions/0007-scheduled-work.md.
 */
export function createScheduler(database: AppDatabase, jobs: readonly JobDefinition[], options: SchedulerOptions = {}): Scheduler {
  assertValidJobs(jobs);
  const resolved = resolveSchedulerOptions(options);
  return database.kind === "postgres" ? createPgBossScheduler(database, jobs, resolved) : createInProcessScheduler(database, jobs, resolved);
}
