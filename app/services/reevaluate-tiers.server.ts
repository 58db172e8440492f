import type { AppDatabase } from "../db/database.server";
import type { JobResult } from "../jobs/job";
import { sweepInBatches } from "../jobs/sweep.server";
import { tierWindowStart } from "../loyalty/tiers/tier-window";
import { membersWhoseTierMayChange, type DueMember } from "../repositories/scheduled-work.server";
import { evaluateMemberTier } from "./evaluate-member-tier.server";
import { NOTHING_TO_DO, shopProgramAt, signalOf, type ShopSweep } from "./scheduled-shop.server";

export const TIERS_ACTOR = "system:reevaluate-tiers";

/**
 * Tiers change with time alone: a rolling-12-months or calendar-year window lets orders
 * age out (a downgrade once the grace period has run), turning tiers off or removing a
 * level moves members at once, and a program version taking effect may lower a threshold.
 * Each member who may move is re-evaluated with evaluateMemberTier, the same use case
 * orders run, at `now`.
 *
 * Idempotent: the member's row is locked for the batch (PostgreSQL) and the evaluation
 * re-reads the tier state under it, so a second run finds the state already moved and
 * writes nothing; the entry bonus is keyed once per tier.
 */
export async function reevaluateTiers(database: AppDatabase, run: ShopSweep): Promise<JobResult> {
  const program = await shopProgramAt(database.db, run.shopId, run.now);
  if (!program) return NOTHING_TO_DO;
  const tiers = program.current.rules.tiers;
  const activity = { enabled: tiers.enabled, metric: tiers.metric, since: tierWindowStart(tiers.window, run.now, program.timeZone) };
  const lockRows = database.kind === "postgres";
  return sweepInBatches<DueMember, number>({
    database,
    signal: signalOf(run),
    ...(run.batchSize ? { batchSize: run.batchSize } : {}),
    fetchBatch: (tx, after, limit) => membersWhoseTierMayChange(tx, { shopId: run.shopId, after, limit, lockRows }, activity),
    cursorOf: (member) => member.id,
    processItem: async (tx, member) => {
      await evaluateMemberTier(tx, program.shop, program.versions, member.id, run.now, TIERS_ACTOR);
    },
  });
}
