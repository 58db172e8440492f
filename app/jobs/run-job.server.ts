import type { AppDatabase } from "../db/database.server";
import { installedShopIds } from "../repositories/shops.server";
import { describeError } from "./describe-error";
import type { JobDefinition, JobResult } from "./job";
import type { JobLogFields, JobLogger } from "./scheduler-options";

export type RunRequest = {
  readonly now: Date;
  readonly signal: AbortSignal;
  /** For a per-shop job: that shop only; without it, every installed shop in turn. */
  readonly shopId?: number;
};

/** One run of a job, the same on both schedulers. */
export async function runJob(database: AppDatabase, job: JobDefinition, request: RunRequest): Promise<JobResult> {
  const { now, signal, shopId } = request;
  if (!job.perShop) return job.run({ database, now, signal });
  if (shopId !== undefined) return job.run({ database, now, signal, shopId });
  return runForEveryShop(database, job, request);
}

/**
 * A failing shop must not starve the others: every shop runs, and the failures are thrown
 * together at the end (the next run retries them, from their data).
 */
async function runForEveryShop(
  database: AppDatabase,
  job: Extract<JobDefinition, { perShop: true }>,
  { now, signal }: RunRequest,
): Promise<JobResult> {
  let processed = 0;
  const failures: unknown[] = [];
  for (const shopId of await installedShopIds(database.db)) {
    if (signal.aborted) return { processed, complete: false };
    try {
      const result = await job.run({ database, now, signal, shopId });
      processed += result.processed;
      if (!result.complete) return { processed, complete: false };
    } catch (error) {
      failures.push(new Error(`job ${job.name} failed for shop ${shopId}`, { cause: error }));
    }
  }
  if (failures.length > 0) throw new AggregateError(failures, `job ${job.name} failed for ${failures.length} shop(s)`);
  return { processed, complete: true };
}

/** A run with `job.started` / `job.finished` / `job.failed` events; failures are rethrown. */
export async function runJobLogged(
  database: AppDatabase,
  job: JobDefinition,
  request: RunRequest,
  logger: JobLogger,
  fields: JobLogFields = {},
): Promise<JobResult> {
  const started = Date.now();
  const context = { job: job.name, shopId: request.shopId, ...fields };
  logger.info("job.started", context);
  try {
    const result = await runJob(database, job, request);
    logger.info("job.finished", { ...context, processed: result.processed, complete: result.complete, ms: Date.now() - started });
    return result;
  } catch (error) {
    logger.error("job.failed", { ...context, error: describeError(error), ms: Date.now() - started });
    throw error;
  }
}
