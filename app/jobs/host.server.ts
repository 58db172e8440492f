import { getDatabase } from "../db.server";
import { registryScheduler } from "./registry.server";
import type { Scheduler } from "./scheduler.server";

/**
 * The server's scheduled work on the process's database, started by the HTTP host
 * (app/server/main.ts, through the build's entry module) once it listens. The host stops
 * it before closing the database, so running sweeps end between batches.
 */
export async function startScheduledWork(): Promise<{ stop(): Promise<void> }> {
  const scheduler = registryScheduler(getDatabase());
  await scheduler.start();
  running = scheduler;
  return {
    async stop() {
      running = null;
      await scheduler.stop();
    },
  };
}

let running: Scheduler | null = null;

/**
 * Asks for a per-shop job to run soon, for one shop (e.g. the storefront sync after the
 * merchant saves). Without a running scheduler (WAFA_JOBS=off, tests) it does nothing: the
 * job's regular slot converges anyway. Never fails the caller's request.
 */
export async function requestShopJob(name: string, shopId: number): Promise<void> {
  if (!running) return;
  try {
    await running.trigger(name, shopId);
  } catch (error) {
    console.warn(`could not trigger ${name} for shop ${shopId}:`, error instanceof Error ? error.message : error);
  }
}
