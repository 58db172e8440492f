import type { AppDatabase } from "../db/database.server";
import { nextSlotAfter, type JobDefinition, type JobResult } from "./job";
import { runJobLogged } from "./run-job.server";
import type { ResolvedSchedulerOptions, Scheduler } from "./scheduler-options";

/**
 * The scheduler for the embedded database (one app process): a timer per job, in process.
 *
 * No job table is kept: sweeps are data-driven and idempotent, so a run lost to a crash or
 * downtime is simply the next run's work, and every job runs once shortly after start to
 * catch up. Runs of one job never overlap: a timer tick that finds the job running is
 * skipped (the running sweep already covers it), and runNow waits its turn.
 * See docs/decisions/0007-scheduled-work.md.
 */
export function createInProcessScheduler(
  database: AppDatabase,
  jobs: readonly JobDefinition[],
  options: ResolvedSchedulerOptions,
): Scheduler {
  const { logger } = options;
  const controller = new AbortController();
  const timers = new Map<string, NodeJS.Timeout>();
  const inFlight = new Set<Promise<unknown>>();
  const turns = new Map(jobs.map((job) => [job.name, new Turns()]));
  let state: "idle" | "started" | "stopped" = "idle";

  const find = (name: string): JobDefinition => {
    const job = jobs.find((candidate) => candidate.name === name);
    if (!job) throw new Error(`no scheduled job is named "${name}"`);
    return job;
  };
  const turnsOf = (job: JobDefinition): Turns => {
    const queue = turns.get(job.name);
    if (!queue) throw new Error(`no turns for job "${job.name}"`);
    return queue;
  };
  const track = <T>(promise: Promise<T>): Promise<T> => {
    inFlight.add(promise);
    void promise.finally(() => inFlight.delete(promise)).catch(() => undefined);
    return promise;
  };

  const execute = (job: JobDefinition, shopId: number | undefined): Promise<JobResult> =>
    runJobLogged(database, job, { now: options.now(), signal: controller.signal, shopId }, logger);

  /**
   * A timer's run: skipped if the job is running; failures are logged, and the next slot
   * retries. The next slot is the one after the time this timer was armed for, not after the
   * clock: a timer may fire a millisecond before its slot, and "the next slot after now" was
   * then that same slot again, so it ticked twice.
   */
  function tick(job: JobDefinition, armedFor: number): void {
    if (state !== "started") return;
    const queue = turnsOf(job);
    if (queue.busy) logger.info("job.skipped", { job: job.name, reason: "still running" });
    else void track(queue.take(() => execute(job, undefined))).catch(() => undefined);
    const now = options.now().getTime();
    arm(job, nextSlotAfter(new Date(Math.max(now, armedFor)), job.everyMinutes).getTime() - now);
  }

  function arm(job: JobDefinition, delayMs: number): void {
    const armedFor = options.now().getTime() + Math.max(0, delayMs);
    const timer = setTimeout(() => tick(job, armedFor), Math.max(0, delayMs));
    // The HTTP server keeps the process alive; pending timers must not keep a CLI or test alive.
    timer.unref();
    timers.set(job.name, timer);
  }

  return {
    async start() {
      if (state !== "idle") return;
      state = "started";
      for (const job of jobs) {
        const untilSlot = nextSlotAfter(options.now(), job.everyMinutes).getTime() - options.now().getTime();
        arm(job, options.runAtStart ? Math.min(options.firstRunDelayMs, untilSlot) : untilSlot);
      }
    },

    async stop() {
      if (state === "stopped") return;
      state = "stopped";
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      controller.abort();
      await Promise.allSettled([...inFlight]);
    },

    async runNow(name, shopId) {
      if (state === "stopped") throw new Error("the scheduler is stopped");
      const job = find(name);
      return track(turnsOf(job).take(() => execute(job, shopId)));
    },

    async trigger(name, shopId) {
      if (state === "stopped") throw new Error("the scheduler is stopped");
      const job = find(name);
      // Failures are logged by execute; the caller asked for a run, not its outcome.
      void track(turnsOf(job).take(() => execute(job, shopId))).catch(() => undefined);
    },
  };
}

/** Runs work one at a time, in arrival order (a job's runs never overlap). */
class Turns {
  #tail: Promise<unknown> = Promise.resolve();
  #waiting = 0;

  get busy(): boolean {
    return this.#waiting > 0;
  }

  take<T>(work: () => Promise<T>): Promise<T> {
    this.#waiting++;
    const run = this.#tail.then(work);
    this.#tail = run.catch(() => undefined).finally(() => this.#waiting--);
    return run;
  }
}
