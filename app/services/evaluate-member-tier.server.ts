import type { Tx } from "../db/database.server";
import { shopTimeZone } from "../loyalty/calendar/calendar";
import { available, movePoints, programIssued } from "../loyalty/ledger/journals";
import { currentProgramVersion, type ProgramVersion } from "../loyalty/program/program";
import { describeTierChange } from "../loyalty/tiers/tier-change-description";
import { tierEntryBonus, tierEntryBonusKey } from "../loyalty/tiers/tier-entry-bonus";
import { evaluateTier, type TierChange } from "../loyalty/tiers/tier-evaluation";
import { findTierLevel } from "../loyalty/tiers/tier-levels";
import { tierWindowStart } from "../loyalty/tiers/tier-window";
import { appendJournals } from "../repositories/ledger.server";
import { recordMemberEvent } from "../repositories/member-events.server";
import type { ShopRecord } from "../repositories/shops.server";
import { findMemberTier, insertTierEvent, reachedTierIds, saveMemberTierState, tierMetricFromRows } from "../repositories/tiers.server";

/**
 * Re-evaluates one member's tier under the program in force, inside the caller's
 * transaction (an order event, the rolling-window job, a rules change): the value from the
 * rows it summarises, the core's state machine, and what a change brings (the event with
 * its reason, the entry bonus once per tier, a request to update Shopify's tags and
 * metafields, and a message for the member). Returns the change, if any.
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
  const evaluation = evaluateTier({ state, value, rules, now });
  if (evaluation.state === state) return null;
  await saveMemberTierState(tx, customerRowId, evaluation.state, evaluation.change !== null, now);
  const { change } = evaluation;
  if (!change) return null;

  const description = describeTierChange(change, { levels: rules.levels, currency: shop.currencyCode });
  const previouslyReached = await reachedTierIds(tx, customerRowId);
  await insertTierEvent(tx, shop.id, customerRowId, change, { description, programVersion: current.version, actor }, now);
  const bonus = tierEntryBonus(change, rules.levels, previouslyReached);
  if (bonus) {
    const journal = movePoints(
      { key: tierEntryBonusKey(member.customerKey, bonus.tierId), kind: "bonus", customerId: member.customerKey, orderId: null, programVersion: current.version, occurredAt: now, memo: `Tier entry bonus: ${findTierLevel(rules.levels, bonus.tierId)?.name ?? bonus.tierId}`, actor },
      programIssued,
      available(member.customerKey),
      bonus.points,
    );
    await appendJournals(tx, shop.id, [journal], new Map([[member.customerKey, customerRowId]]), now, { ifAbsent: true });
  }
  if (change.direction === "up" && change.to) {
    const level = findTierLevel(rules.levels, change.to);
    await recordMemberEvent(
      tx,
      shop.id,
      { customerRowId, key: `customer:${member.customerKey}:tier-reached:${change.to}:${now.toISOString()}`, kind: "tier_reached", payload: { tierId: change.to, tierName: level?.name ?? change.to, perks: level?.perks ?? null }, occurredAt: now },
      now,
    );
  }
  return change;
}
