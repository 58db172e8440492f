import type { AppDatabase } from "../db/database.server";
import { inTransaction } from "../db/transaction.server";
import type { JobResult } from "../jobs/job";
import { DEFAULT_SWEEP_BATCH_SIZE } from "../jobs/sweep.server";
import type { TierRules } from "../loyalty/program/program";
import { findTierLevel } from "../loyalty/tiers/tier-levels";
import { markMemberSynced, membersDueForSync, type MemberToSync } from "../repositories/scheduled-work.server";
import type { AdminGraphql } from "../shopify/admin/shop-details.server";
import { pushMemberTierState, tierMetafieldValue, type MemberTierSync } from "../shopify/admin/customer-sync.server";
import { NOTHING_TO_DO, shopProgramAt, signalOf, type ShopSweep } from "./scheduled-shop.server";

/** How the sync reaches the shop's Admin API (the server: `unauthenticated.admin`; tests: a recording stand-in). */
export type AdminForShop = (shopDomain: string) => Promise<AdminGraphql>;

/** What Shopify should show for a member holding `tierId` under `rules`. */
export function tierSyncState(rules: TierRules, tierId: string | null): MemberTierSync {
  const level = findTierLevel(rules.levels, tierId);
  return { tierId: level?.id ?? null, tierName: level?.name ?? null, earlyAccess: level?.perks.earlyAccess ?? false };
}

/**
 * Tells Shopify about tier changes (evaluateMemberTier sets `syncRequestedAt`): the
 * early-access tag and the app-owned tier metafield (app/shopify/admin/customer-sync.server.ts).
 *
 * Unlike the ledger sweeps this one calls Shopify, so it reads its page of members outside
 * any transaction and records each member's sync in a short transaction of its own, as of
 * the request it answered (a newer request keeps the member due). Pushing is idempotent
 * on Shopify's side, so a crash between the push and the record, or two instances
 * pushing the same member, costs a repeated call, not a wrong state. Nothing is pushed
 * when the state equals the last one pushed. A member Shopify refused stays due, and the
 * run fails after the rest of its page so that the job's failure is logged and retried.
 */
export async function syncMemberTiers(database: AppDatabase, adminFor: AdminForShop, run: ShopSweep): Promise<JobResult> {
  const program = await shopProgramAt(database.db, run.shopId, run.now);
  if (!program) return NOTHING_TO_DO;
  const signal = signalOf(run);
  const limit = run.batchSize ?? DEFAULT_SWEEP_BATCH_SIZE;
  const failures: string[] = [];
  let admin: AdminGraphql | null = null;
  let processed = 0;
  for (let after: number | null = null; ; ) {
    if (signal.aborted) return { processed, complete: false };
    const page = await membersDueForSync(database.db, { shopId: run.shopId, after, limit });
    for (const member of page) {
      const state = tierSyncState(program.current.rules.tiers, member.tierId);
      const failure = await syncMember(database, member, state, async () => (admin ??= await adminFor(program.shop.domain)));
      if (failure) failures.push(`${member.customerGid}: ${failure}`);
      else processed++;
    }
    const last = page.at(-1);
    if (!last || page.length < limit) break;
    after = last.id;
  }
  if (failures.length > 0) throw new Error(`${failures.length} member(s) could not be synced to Shopify (they stay due): ${failures.slice(0, 3).join("; ")}`);
  return { processed, complete: true };
}

async function syncMember(database: AppDatabase, member: MemberToSync, state: MemberTierSync, admin: () => Promise<AdminGraphql>): Promise<string | null> {
  const serialized = tierMetafieldValue(state);
  if (serialized !== member.syncedState) {
    const outcome = await pushMemberTierState(await admin(), member.customerGid, state);
    if (!outcome.ok) return outcome.message;
  }
  await inTransaction(database, (tx) => markMemberSynced(tx, member.id, member.syncRequestedAt, serialized));
  return null;
}
