import type { AppDatabase } from "../db/database.server";

/**
 * Scheduled work is a set of sweeps: each run finds what is due from the data (members
 * whose birthday is today, points past their expiry date), does it in small committed
 * batches, and writes every grant as a journal with a unique domain key. Running a sweep
 * twice, or on two instances at once, therefore writes each grant once, and a rerun after
 * a crash resumes from the data. See docs/decisions/0007-scheduled-work.md.
 */

/** What a run did: `complete` is false when it stopped early (shutdown, lease budget) and must run again. */
export type JobResult = { readonly processed: number; readonly complete: boolean };

export type JobContext = {
  readonly database: AppDatabase;
  /** The instant the run works "as of": one value for the whole run, from the scheduler's clock. */
  readonly now: Date;
  /** Fires on shutdown or when the run's lease budget is spent: stop between batches. */
  readonly signal: AbortSignal;
};

export type ShopJobContext = JobContext & { readonly shopId: number };

type Common = {
  /** kebab-case, stable: it names the pg-boss queue and appears in logs. */
  readonly name: string;
  /** How often it runs: a divisor of 60 (minutes) or a whole number of hours dividing 24. */
  readonly everyMinutes: number;
};

/** A per-shop job runs once for each installed shop; a global job runs once per slot. */
export type JobDefinition =
  | (Common & { readonly perShop: true; run(context: ShopJobContext): Promise<JobResult> })
  | (Common & { readonly perShop: false; run(context: JobContext): Promise<JobResult> });

const JOB_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const MINUTES_PER_DAY = 24 * 60;

/**
 * Periods that are both a cron step and a fixed interval from the Unix epoch, so that the
 * in-process timer and pg-boss's cron fire at the same wall-clock moments (UTC).
 */
export function isSupportedPeriod(everyMinutes: number): boolean {
  if (!Number.isInteger(everyMinutes) || everyMinutes < 1) return false;
  if (everyMinutes < 60) return 60 % everyMinutes === 0;
  return everyMinutes % 60 === 0 && MINUTES_PER_DAY % everyMinutes === 0;
}

/** The cron expression (UTC) for a supported period: `*\/15 * * * *`, `0 *\/6 * * *`, `0 0 * * *`. */
export function cronFor(everyMinutes: number): string {
  if (!isSupportedPeriod(everyMinutes)) throw new Error(`unsupported job period: every ${everyMinutes} minutes`);
  if (everyMinutes === 1) return "* * * * *";
  if (everyMinutes < 60) return `*/${everyMinutes} * * * *`;
  const hours = everyMinutes / 60;
  if (hours === 24) return "0 0 * * *";
  return hours === 1 ? "0 * * * *" : `0 */${hours} * * *`;
}

/** The next slot strictly after `now` (the same instants `cronFor` fires at). */
export function nextSlotAfter(now: Date, everyMinutes: number): Date {
  const period = everyMinutes * 60_000;
  return new Date(Math.floor(now.getTime() / period) * period + period);
}

/** Definitions are code, but a typo here would silently never run: refuse them at start. */
export function assertValidJobs(jobs: readonly JobDefinition[]): void {
  const names = new Set<string>();
  for (const job of jobs) {
    if (!JOB_NAME.test(job.name)) throw new Error(`job name "${job.name}" must be kebab-case`);
    if (names.has(job.name)) throw new Error(`two jobs are named "${job.name}"`);
    if (!isSupportedPeriod(job.everyMinutes)) {
      throw new Error(`job "${job.name}": every ${job.everyMinutes} minutes is not supported (use a divisor of 60, or whole hours dividing 24)`);
    }
    names.add(job.name);
  }
}
