import type { AppDatabase } from "../db/database.server";
import { appDiscountJobs, ENSURE_APP_DISCOUNT_JOB } from "./app-discount-jobs.server";
import { historyImportJob, RESUME_HISTORY_IMPORTS_JOB } from "./history-import-job.server";
import type { JobDefinition } from "./job";
import { loyaltyJobs, SYNC_MEMBER_TIERS_JOB } from "./loyalty-jobs.server";
import { RELEASE_EXPIRED_REDEMPTIONS_JOB, redemptionJobs } from "./redemption-jobs.server";
import { EXPORT_SEGMENTS_JOB, segmentExportJob } from "./segment-export-job.server";
import { storefrontJobs, SYNC_STOREFRONT_CONFIG_JOB } from "./storefront-jobs.server";
import { createScheduler, type Scheduler, type SchedulerOptions } from "./scheduler.server";

/**
 * Every scheduled job the server runs. Add a job here, one line per group of jobs; names
 * must stay stable (they name pg-boss queues, and a removed name's schedule is dropped at
 * the next start).
 */
export const scheduledJobs: readonly JobDefinition[] = [...loyaltyJobs, ...redemptionJobs, historyImportJob, ...storefrontJobs(), ...appDiscountJobs(), segmentExportJob()];

/**
 * Jobs that call Shopify's Admin API for the shop. Tests that start every registered job
 * without Shopify's (simulated) edge expect these to fail for want of a session; each has
 * its own tests with the edge simulated.
 */
export const JOBS_CALLING_SHOPIFY: ReadonlySet<string> = new Set([
  SYNC_MEMBER_TIERS_JOB,
  SYNC_STOREFRONT_CONFIG_JOB,
  ENSURE_APP_DISCOUNT_JOB,
  EXPORT_SEGMENTS_JOB,
  RESUME_HISTORY_IMPORTS_JOB,
  RELEASE_EXPIRED_REDEMPTIONS_JOB,
]);

/** The scheduler of every registered job (app/jobs/host.server.ts starts it in the server; tests with fast options). */
export function registryScheduler(database: AppDatabase, options: SchedulerOptions = {}): Scheduler {
  return createScheduler(database, scheduledJobs, options);
}
