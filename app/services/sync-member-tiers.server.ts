import { z } from "zod";
import type { AppDatabase } from "../db/database.server";
import { inTransaction } from "../db/transaction.server";
import type { JobResult } from "../jobs/job";
import { DEFAULT_SWEEP_BATCH_SIZE } from "../jobs/sweep.server";
import { nextReward } from "../loyalty/members/next-reward";
import type { ProgramRules, TierRules } from "../loyalty/program/program";
import { findTierLevel } from "../loyalty/tiers/tier-levels";
import { markMemberSynced, membersDueForSync, type MemberToSync } from "../repositories/scheduled-work.server";
import type { AdminForShop } from "../shopify/admin/offline-admin.server";
import type { AdminGraphql } from "../shopify/admin/shop-details.server";
import {
  MEMBER_METAFIELDS,
  memberMetafieldInputs,
  memberMetafieldValues,
  METAFIELDS_PER_CALL,
  pushEarlyAccessTag,
  setMemberMetafields,
  type MemberMetafield,
  type MemberSyncState,
  type MemberTierSync,
} from "../shopify/admin/customer-sync.server";
import { NOTHING_TO_DO, shopProgramAt, signalOf, type ShopSweep } from "./scheduled-shop.server";

/** How the sync reaches the shop's Admin API (the server: `unauthenticated.admin`; tests: a recording stand-in). */

/** What Shopify should show for a member holding `tierId` under `rules`. */
export function tierSyncState(rules: TierRules, tierId: string | null): MemberTierSync {
  const level = findTierLevel(rules.levels, tierId);
  return { tierId: level?.id ?? null, tierName: level?.name ?? null, earlyAccess: level?.perks.earlyAccess ?? false };
}

/** Everything Shopify should show for the member under the program's rules. */
export function memberSyncState(rules: ProgramRules, member: Pick<MemberToSync, "tierId" | "pointsAvailable">): MemberSyncState {
  const tier = tierSyncState(rules.tiers, member.tierId);
  return { tier, points: member.pointsAvailable, nextReward: nextReward(member.pointsAvailable, rules.rewards, tier.tierId) };
}

/**
 * `syncedState` holds the metafield values last pushed, by key, and whether the tag was
 * added. A state written before points were synced held only the tier metafield's value:
 * it is read as that, so the tag is not pushed again and points and next reward are.
 */
const SyncedState = z.object({ earlyAccess: z.boolean(), values: z.record(z.string(), z.string()) });
const LegacyTierState = z.object({ tierId: z.string().nullable(), tierName: z.string().nullable(), earlyAccess: z.boolean() });
type Synced = z.infer<typeof SyncedState>;

function parseSynced(serialized: string | null): Synced | null {
  if (serialized === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(serialized);
  } catch {
    return null;
  }
  const current = SyncedState.safeParse(json);
  if (current.success) return current.data;
  const legacy = LegacyTierState.safeParse(json);
  return legacy.success ? { earlyAccess: legacy.data.earlyAccess, values: { [MEMBER_METAFIELDS.tier.key]: serialized } } : null;
}

/** A member's pending push: the tag if its state moved, the metafields whose value moved, and the state to record. */
type Push = { readonly member: MemberToSync; readonly tag: boolean | null; readonly metafields: readonly MemberMetafield[]; readonly serialized: string };

function pushFor(rules: ProgramRules, member: MemberToSync): Push {
  const state = memberSyncState(rules, member);
  const values = memberMetafieldValues(state);
  const synced = parseSynced(member.syncedState);
  const changedKeys = Object.keys(values).filter((key) => synced?.values[key] !== values[key]);
  const tag = synced?.earlyAccess === state.tier.earlyAccess ? null : state.tier.earlyAccess;
  const serialized = JSON.stringify({ earlyAccess: state.tier.earlyAccess, values } satisfies Synced);
  return { member, tag, metafields: memberMetafieldInputs(member.customerGid, values, changedKeys), serialized };
}

/**
 * Tells Shopify what each due member should show: the early-access tag and the app-owned
 * `tier`, `points` and `next_reward` metafields (app/shopify/admin/customer-sync.server.ts).
 * Members are due when their tier changed (evaluateMemberTier), their balance moved
 * (applyBalanceDelta) or the program changed (saveProgram); only what differs from the
 * member's `syncedState` is sent, so a due member whose values did not move costs no call,
 * and the metafields of a page go out together in metafieldsSet calls of up to 25.
 *
 * Unlike the ledger sweeps this one calls Shopify, so it reads its page of members outside
 * any transaction and records the synced members in short transactions of their own, as of
 * the request each answered (a newer request keeps the member due). Pushing is idempotent
 * on Shopify's side, so a crash between the push and the record, or two instances pushing
 * the same member, costs a repeated call, not a wrong state. A member Shopify refused (or
 * whose metafieldsSet call was refused: the call is atomic) stays due, and the run fails
 * after the rest of its page so that the job's failure is logged and retried.
 */
export async function syncMemberTiers(database: AppDatabase, adminFor: AdminForShop, run: ShopSweep): Promise<JobResult> {
  const program = await shopProgramAt(database.db, run.shopId, run.now);
  if (!program) return NOTHING_TO_DO;
  const signal = signalOf(run);
  const limit = run.batchSize ?? DEFAULT_SWEEP_BATCH_SIZE;
  const failures: string[] = [];
  let admin: AdminGraphql | null = null;
  const adminOnce = async () => (admin ??= await adminFor(program.shop.domain));
  let processed = 0;
  for (let after: number | null = null; ; ) {
    if (signal.aborted) return { processed, complete: false };
    const page = await membersDueForSync(database.db, { shopId: run.shopId, after, limit });
    const pushes = page.map((member) => pushFor(program.current.rules, member));
    const synced = await syncPage(database, pushes, adminOnce, failures);
    processed += synced;
    const last = page.at(-1);
    if (!last || page.length < limit) break;
    after = last.id;
  }
  if (failures.length > 0) throw new Error(`${failures.length} member(s) could not be synced to Shopify (they stay due): ${failures.slice(0, 3).join("; ")}`);
  return { processed, complete: true };
}

/** Pushes a page: tags member by member (rare: only when early access moved), then the metafields in shared calls. Returns how many members were recorded. */
async function syncPage(database: AppDatabase, pushes: readonly Push[], admin: () => Promise<AdminGraphql>, failures: string[]): Promise<number> {
  const tagged: Push[] = [];
  for (const push of pushes) {
    if (push.tag === null) {
      tagged.push(push);
      continue;
    }
    const outcome = await pushEarlyAccessTag(await admin(), push.member.customerGid, push.tag);
    if (outcome.ok) tagged.push(push);
    else failures.push(`${push.member.customerGid}: ${outcome.message}`);
  }
  const unchanged = tagged.filter((push) => push.metafields.length === 0);
  await recordSynced(database, unchanged);
  let recorded = unchanged.length;
  for (const call of packIntoCalls(tagged.filter((push) => push.metafields.length > 0))) {
    const outcome = await setMemberMetafields(await admin(), call.flatMap((push) => push.metafields));
    if (!outcome.ok) {
      failures.push(...call.map((push) => `${push.member.customerGid}: ${outcome.message}`));
      continue;
    }
    await recordSynced(database, call);
    recorded += call.length;
  }
  return recorded;
}

/** Whole members per call (a member's values land together or not at all), at most 25 metafields each. */
function packIntoCalls(pushes: readonly Push[]): Push[][] {
  const calls: Push[][] = [];
  let current: Push[] = [];
  let size = 0;
  for (const push of pushes) {
    if (size + push.metafields.length > METAFIELDS_PER_CALL && current.length > 0) {
      calls.push(current);
      current = [];
      size = 0;
    }
    current.push(push);
    size += push.metafields.length;
  }
  if (current.length > 0) calls.push(current);
  return calls;
}

async function recordSynced(database: AppDatabase, pushes: readonly Push[]): Promise<void> {
  if (pushes.length === 0) return;
  await inTransaction(database, async (tx) => {
    for (const push of pushes) await markMemberSynced(tx, push.member.id, push.member.syncRequestedAt, push.serialized);
  });
}
