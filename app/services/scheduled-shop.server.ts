import type { Db } from "../db/database.server";
import type { JobResult } from "../jobs/job";
import { shopTimeZone } from "../loyalty/calendar/calendar";
import { currentProgramVersion, type ProgramVersion } from "../loyalty/program/program";
import { listProgramVersions } from "../repositories/program-versions.server";
import { findShopById } from "../repositories/scheduled-work.server";
import { isInstalled, type ShopRecord } from "../repositories/shops.server";

/**
 * What the scheduled sweeps (release, expiry, annual bonuses, tiers) share: one run for one
 * shop "as of" `now`, in small committed batches (app/jobs/sweep.server.ts), stoppable
 * between batches by `signal` (shutdown, lease budget).
 */
export type ShopSweep = {
  readonly shopId: number;
  readonly now: Date;
  readonly signal?: AbortSignal;
  /** Items per transaction (default 100). */
  readonly batchSize?: number;
};

/** A shop's program as a run sees it: the rules in force at `now` decide what is due. */
export type ShopProgram = {
  readonly shop: ShopRecord;
  readonly versions: readonly ProgramVersion[];
  readonly current: ProgramVersion;
  readonly timeZone: string;
};

export const NOTHING_TO_DO: JobResult = { processed: 0, complete: true };

/** The installed shop and its current program version, or null when there is nothing to run (uninstalled, no program yet). */
export async function shopProgramAt(db: Db, shopId: number, now: Date): Promise<ShopProgram | null> {
  const shop = await findShopById(db, shopId);
  if (!isInstalled(shop)) return null;
  const versions = await listProgramVersions(db, shopId);
  const current = currentProgramVersion(versions, now);
  if (!current) return null;
  return { shop, versions, current, timeZone: shopTimeZone(shop.ianaTimezone) };
}

export function signalOf(run: ShopSweep): AbortSignal {
  return run.signal ?? new AbortController().signal;
}
