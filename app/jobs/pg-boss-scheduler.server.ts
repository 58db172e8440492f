import PgBoss from "pg-boss";
import { sql } from "kysely";
import { z } from "zod";
import type { AppDatabase } from "../db/database.server";
import { describeError } from "./describe-error";
import { installedShopIds } from "../repositories/shops.server";
import { cronFor, type JobDefinition, type JobResult } from "./job";
import { runJobLogged } from "./run-job.server";
import type { ResolvedSchedulerOptions, Scheduler } from "./scheduler-options";

const QUEUE_PREFIX = "wafa.";
const FAN_OUT_CHUNK = 500;

/** One pg-boss queue per job, named after it. */
export const queueName = (job: Pick<JobDefinition, "name">): string => `${QUEUE_PREFIX}${job.name}`;

/** Under the "stately" policy a key has at most one waiting and one running job: per shop, never two sweeps at once. */
export const shopKey = (shopId: number): string => `shop:${shopId}`;

/** A queued job's data comes back from the database: checked, never cast. No shopId: a cron tick. */
const JobDataSchema = z.object({ shopId: z.number().int().positive().optional() }).nullish();
type JobData = { shopId?: number };

/**
 * The scheduler for PostgreSQL, where several app instances share one database: pg-boss
 * (v10; v11 needs Node 22) provides the cron, leases, retries and crash recovery.
 *
 * - Each job has a queue ("stately" policy) and a cron schedule; pg-boss sends each cron
 *   slot once across instances. A tick of a per-shop job fans out into one job per
 *   installed shop, keyed by shop, so a shop's sweeps never run two at a time.
 * - A job's lease is `leaseSeconds`: a killed worker's job is failed by pg-boss's
 *   maintenance when its lease ends and retried (with backoff) by any instance.
 * - A run stops itself at half its lease and queues its continuation, so a long sweep
 *   never outlives its lease (pg-boss would retry it while it still runs).
 *
 * None of this is what prevents double grants: the ledger's unique journal keys do.
 * See docs/decisions/0007-scheduled-work.md.
 */
export function createPgBossScheduler(
  database: AppDatabase,
  jobs: readonly JobDefinition[],
  options: ResolvedSchedulerOptions,
): Scheduler {
  const { logger, postgres } = options;
  const boss = new PgBoss({
    connectionString: database.url,
    schema: postgres.schema,
    max: postgres.poolSize,
    application_name: "wafa-jobs",
    maintenanceIntervalSeconds: postgres.maintenanceIntervalSeconds,
  });
  // pg-boss reports background failures (polling, maintenance) as events; unheard, an
  // 'error' event would crash the process.
  boss.on("error", (error) => logger.error("scheduler.error", { error: describeError(error) }));
  const controller = new AbortController();
  let state: "idle" | "started" | "stopped" = "idle";

  const find = (name: string): JobDefinition => {
    const job = jobs.find((candidate) => candidate.name === name);
    if (!job) throw new Error(`no scheduled job is named "${name}"`);
    return job;
  };

  const send = (job: JobDefinition, data: JobData, extra: PgBoss.SendOptions = {}) =>
    boss.send(queueName(job), data, { ...extra, ...(data.shopId === undefined ? {} : { singletonKey: shopKey(data.shopId) }) });

  async function fanOut(job: JobDefinition, jobId: string): Promise<number> {
    const shopIds = await installedShopIds(database.db);
    for (let start = 0; start < shopIds.length; start += FAN_OUT_CHUNK) {
      const chunk = shopIds.slice(start, start + FAN_OUT_CHUNK);
      // A shop that already has a waiting job is skipped by the queue's policy.
      await boss.insert(chunk.map((shopId) => ({ name: queueName(job), data: { shopId }, singletonKey: shopKey(shopId) })));
    }
    logger.info("job.fanned-out", { job: job.name, jobId, shops: shopIds.length });
    return shopIds.length;
  }

  async function handle(job: JobDefinition, queued: PgBoss.JobWithMetadata<unknown>): Promise<JobResult & { shops?: number }> {
    const data = JobDataSchema.parse(queued.data) ?? {};
    if (job.perShop && data.shopId === undefined) return { processed: 0, complete: true, shops: await fanOut(job, queued.id) };
    const budget = new AbortController();
    const timer = setTimeout(() => budget.abort(), options.leaseSeconds * 500);
    try {
      const signal = AbortSignal.any([controller.signal, budget.signal]);
      const result = await runJobLogged(database, job, { now: options.now(), signal, shopId: data.shopId }, logger, {
        jobId: queued.id,
        attempt: queued.retryCount + 1,
      });
      if (!result.complete) {
        // Stopped early (lease budget or shutdown): what it committed is done; the rest is
        // queued now, for this instance or another.
        await send(job, data);
        logger.info("job.continued", { job: job.name, jobId: queued.id, shopId: data.shopId });
      }
      return result;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The queue, its settings, its cron schedule, and this instance's workers on it. */
  async function prepareQueue(job: JobDefinition): Promise<void> {
    const name = queueName(job);
    const queue: PgBoss.Queue = {
      name,
      policy: "stately",
      expireInSeconds: options.leaseSeconds,
      retryLimit: postgres.retryLimit,
      retryDelay: postgres.retryDelaySeconds,
      retryBackoff: true,
    };
    await boss.createQueue(name, queue);
    // createQueue keeps an existing queue as it was: apply changed settings too.
    await boss.updateQueue(name, queue);
    await boss.schedule(name, cronFor(job.everyMinutes), {}, { tz: "UTC" });
    for (let worker = 0; worker < options.concurrency; worker++) {
      await boss.work<unknown>(name, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: postgres.pollingIntervalSeconds }, async ([queued]) =>
        queued ? handle(job, queued) : undefined,
      );
    }
  }

  /** A job removed from the code must stop being scheduled, or its queue would fill with ticks no one works. */
  async function unscheduleRemovedJobs(): Promise<void> {
    const current = new Set(jobs.map(queueName));
    for (const schedule of await boss.getSchedules()) {
      if (schedule.name.startsWith(QUEUE_PREFIX) && !current.has(schedule.name)) await boss.unschedule(schedule.name);
    }
  }

  return {
    async start() {
      if (state !== "idle") return;
      state = "started";
      try {
        await oneInstanceAtATime(database, async () => {
          await boss.start();
          await unscheduleRemovedJobs();
          for (const job of jobs) await prepareQueue(job);
        });
      } catch (error) {
        state = "stopped";
        await boss.stop({ graceful: false }).catch(() => undefined);
        throw error;
      }
      if (!options.runAtStart) return;
      // Catch-up after downtime: missed cron slots are not replayed by pg-boss. Several
      // instances starting together queue one tick per job (the policy drops the rest).
      const startAfter = Math.ceil(options.firstRunDelayMs / 1000);
      for (const job of jobs) await send(job, {}, { startAfter });
    },

    async stop() {
      if (state === "stopped") return;
      state = "stopped";
      controller.abort();
      // Graceful: running jobs see the abort, finish their batch and queue their
      // continuation; after the timeout pg-boss fails what is left, for a retry.
      await boss.stop({ graceful: true, wait: true, close: true, timeout: postgres.stopTimeoutMs });
    },

    async runNow(name, shopId) {
      if (state === "stopped") throw new Error("the scheduler is stopped");
      return runJobLogged(database, find(name), { now: options.now(), signal: controller.signal, shopId }, logger, { via: "runNow" });
    },

    async trigger(name, shopId) {
      if (state !== "started") throw new Error("the scheduler is not running: start() it first");
      await send(find(name), shopId === undefined ? {} : { shopId });
    },
  };
}

/**
 * pg-boss 10 creates a queue by creating and attaching a partition table; two instances
 * doing so at once deadlock (measured: "deadlock detected" in createQueue when two
 * instances started together). Instances therefore set up pg-boss one at a time, under a
 * PostgreSQL advisory lock held by a transaction on the app's pool while pg-boss works on
 * its own connections.
 */
async function oneInstanceAtATime(database: AppDatabase, work: () => Promise<void>): Promise<void> {
  await database.db.transaction().execute(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('wafa.jobs.setup'))`.execute(tx);
    await work();
  });
}
