import { getDatabase } from "../db.server";
import { registryScheduler } from "./registry.server";

/**
 * The server's scheduled work on the process's database, started by the HTTP host
 * (app/server/main.ts, through the build's entry module) once it listens. The host stops
 * it before closing the database, so running sweeps end between batches.
 */
export async function startScheduledWork(): Promise<{ stop(): Promise<void> }> {
  const scheduler = registryScheduler(getDatabase());
  await scheduler.start();
  return scheduler;
}
