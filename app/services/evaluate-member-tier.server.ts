import type { Tx } from "../db/database.server";
import { shopTimeZone } from "../loyalty/calendar/calendar";
import { available, movePoints, programIssued } from "../loyalty/ledger/journals";
import { currentProgramVersion, type ProgramVersion } from "../loyalty/program/program";
import type { TierRules } from "../loyalty/program/rules-schema";
import { describeTierChange } from "../loyalty/tiers/tier-change-description";
import { tierEntryBonusKey } from "../loyalty/tiers/tier-entry-bonus";
import type { TierChange } from "../loyalty/tiers/tier-evaluation";
import { findTierLevel } from "../loyalty/tiers/tier-levels";
import { placeMembers, type PlacementOutcome } from "../loyalty/tiers/tier-placement";
import { tierWindowStart } from "../loyalty/tiers/tier-window";
import { appendJournals } from "../repositories/ledger.server";
import { recordMemberEvent } from "../repositories/member-events.server";
import type { ShopRecord } from "../repositories/shops.server";
import { findMemberTier, insertTierEvent, reachedTierIds, saveMemberTierState, tierMetricFromRows } from "../repositories/tiers.server";

/**
 * Re-evaluates one member's tier under the program in force, inside the caller's
 * transaction (an order event, the rolling-window job): the value from the rows it
 * summarises, the core's placement (placeMembers: the state machine and the entry bonus, as
 * launch and tier-rule saves place every member), and what a change brings
 * (applyTierOutcome). Returns the change, if any.
 */
export async function evaluateMemberTier(
  tx: Tx,
  shop: ShopRecord,
  versions: readonly ProgramVersion[],
  customerRowId: number,
  now: Date,
  actor: string,
): Promise<TierChange | null> {
  const current = currentProgramVersion(versions, now);
  const member = await findMemberTier(tx, customerRowId);
  if (!current || !member || member.enrolledAt === null) return null;
  const rules = current.rules.tiers;
  // Most programs have no tiers: nothing to read or write for them.
  if (!rules.enabled && member.tierId === null && member.belowSince === null) return null;

  const timeZone = shopTimeZone(shop.ianaTimezone);
  const value = rules.enabled ? await tierMetricFromRows(tx, shop.id, customerRowId, rules.metric, tierWindowStart(rules.window, now, timeZone), now) : 0;
  const state = { tierId: member.tierId, since: member.since, belowSince: member.belowSince };
  const [outcome] = placeMembers([{ customerRowId, name: "", state, value, reachedTierIds: await reachedTierIds(tx, customerRowId) }], rules, now);
  if (!outcome) return null;
  await applyTierOutcome(tx, shop, { rules, version: current.version }, member.customerKey, outcome, now, actor);
  return outcome.change;
}

/**
 * Writes what placement decided for one member: the new state (a move asks for Shopify's
 * tags and metafields to be updated), the tier event with its reason, the entry bonus (once
 * per tier, under its domain key) and the "tier reached" message.
 */
export async function applyTierOutcome(
  tx: Tx,
  shop: ShopRecord,
  program: { readonly rules: TierRules; readonly version: number },
  customerKey: string,
  outcome: PlacementOutcome,
  now: Date,
  actor: string,
): Promise<void> {
  const { customerRowId, change, bonus } = outcome;
  const { rules } = program;
  await saveMemberTierState(tx, customerRowId, outcome.state, change !== null, now);
  if (!change) return;
  const description = describeTierChange(change, { levels: rules.levels, currency: shop.currencyCode });
  await insertTierEvent(tx, shop.id, customerRowId, change, { description, programVersion: program.version, actor }, now);
  if (bonus) {
    const journal = movePoints(
      { key: tierEntryBonusKey(customerKey, bonus.tierId), kind: "bonus", customerId: customerKey, orderId: null, programVersion: program.version, occurredAt: now, memo: `Tier entry bonus: ${findTierLevel(rules.levels, bonus.tierId)?.name ?? bonus.tierId}`, actor },
      programIssued,
      available(customerKey),
      bonus.points,
    );
    await appendJournals(tx, shop.id, [journal], new Map([[customerKey, customerRowId]]), now, { ifAbsent: true });
  }
  if (change.direction === "up" && change.to) {
    const level = findTierLevel(rules.levels, change.to);
    await recordMemberEvent(
      tx,
      shop.id,
      { customerRowId, key: `customer:${customerKey}:tier-reached:${change.to}:${now.toISOString()}`, kind: "tier_reached", payload: { tierId: change.to, tierName: level?.name ?? change.to, perks: level?.perks ?? null }, occurredAt: now },
      now,
    );
  }
}
