import { z } from "zod";
import type { JobResult } from "./job";

/** The same interface on both databases (docs/decisions/0007-scheduled-work.md). */
export type Scheduler = {
  /** Starts the timers (or pg-boss's cron and workers) and asks every job to run once soon. */
  start(): Promise<void>;
  /** Aborts running jobs between batches, waits for them, and releases the scheduler's resources. */
  stop(): Promise<void>;
  /**
   * Runs a job here and now and returns what it did: for one shop, or for every installed
   * shop in turn. It bypasses the queue, so it may overlap a queued run on PostgreSQL; the
   * ledger's keys keep that correct.
   */
  runNow(name: string, shopId?: number): Promise<JobResult>;
  /** Asks for a run as soon as possible, through the queue on PostgreSQL (one waiting run per shop at most). */
  trigger(name: string, shopId?: number): Promise<void>;
};

export type JobLogFields = Readonly<Record<string, string | number | boolean | null | undefined>>;

/** Structured events: `job.started`, `job.finished`, `job.failed`, `job.skipped`, `job.fanned-out`, `scheduler.error`. */
export type JobLogger = {
  info(event: string, fields: JobLogFields): void;
  warn(event: string, fields: JobLogFields): void;
  error(event: string, fields: JobLogFields): void;
};

/** Production default: failures reach stderr; routine runs stay quiet. */
export const consoleJobLogger: JobLogger = {
  info: () => undefined,
  warn: (event, fields) => console.warn(`[jobs] ${event}`, fields),
  error: (event, fields) => console.error(`[jobs] ${event}`, fields),
};

const PostgresOptionsSchema = z.object({
  /** pg-boss's own schema in the app database. */
  schema: z.string().regex(/^[a-z_][a-z0-9_]*$/).default("pgboss"),
  /** Connections of pg-boss's own pool (queue polling, cron, maintenance), beside the app's. */
  poolSize: z.number().int().min(2).max(50).default(4),
  /** pg-boss refuses less than 0.5 s. */
  pollingIntervalSeconds: z.number().min(0.5).default(5),
  /** How often an expired lease is noticed (pg-boss: at least 1 s; its default is 120 s). */
  maintenanceIntervalSeconds: z.number().int().min(1).default(60),
  retryLimit: z.number().int().min(0).default(5),
  /** First retry delay; pg-boss doubles it on each retry, with jitter. */
  retryDelaySeconds: z.number().int().min(1).default(30),
  /** How long stop() waits for running jobs before pg-boss fails them for a retry elsewhere. */
  stopTimeoutMs: z.number().int().min(1000).default(30_000),
});

const OptionsSchema = z.object({
  now: z.custom<() => Date>((value) => typeof value === "function").default(() => () => new Date()),
  logger: z.custom<JobLogger>((value) => typeof value === "object" && value !== null).default(consoleJobLogger),
  /** pg-boss workers per job queue in this instance (distinct shops run in parallel). */
  concurrency: z.number().int().min(1).max(32).default(2),
  /**
   * A run's lease (pg-boss `expireInSeconds`): if the worker dies, the job is retried after
   * this. A run stops itself at half its lease and queues its continuation, so a long sweep
   * never outlives its lease.
   */
  leaseSeconds: z.number().int().min(2).max(23 * 3600).default(300),
  /** Run every job once at start (catch-up after downtime or a crash). */
  runAtStart: z.boolean().default(true),
  /** …after this delay, so that the server is listening first. */
  firstRunDelayMs: z.number().int().min(0).default(5_000),
  postgres: PostgresOptionsSchema.default(PostgresOptionsSchema.parse({})),
});

export type SchedulerOptions = z.input<typeof OptionsSchema>;
export type ResolvedSchedulerOptions = z.output<typeof OptionsSchema>;

export function resolveSchedulerOptions(options: SchedulerOptions = {}): ResolvedSchedulerOptions {
  return OptionsSchema.parse(options);
}
