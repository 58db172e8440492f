import type { AppDatabase } from "../db/database.server";
import { historyImportJob } from "./history-import-job.server";
import type { JobDefinition } from "./job";
import { loyaltyJobs } from "./loyalty-jobs.server";
import { redemptionJobs } from "./redemption-jobs.server";
import { storefrontJobs } from "./storefront-jobs.server";
import { createScheduler, type Scheduler, type SchedulerOptions } from "./scheduler.server";

/**
 * Every scheduled job the server runs. Add a job here, one line per group of jobs; names
 * must stay stable (they name pg-boss queues, and a removed name's schedule is dropped at
 * the next start).
 */
export const scheduledJobs: readonly JobDefinition[] = [...loyaltyJobs, ...redemptionJobs, historyImportJob, ...storefrontJobs()];

/** The scheduler of every registered job (app/jobs/host.server.ts starts it in the server; tests with fast options). */
export function registryScheduler(database: AppDatabase, options: SchedulerOptions = {}): Scheduler {
  return createScheduler(database, scheduledJobs, options);
}
