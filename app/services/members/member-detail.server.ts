import type { AppDatabase } from "../../db/database.server";
import { shopTimeZone } from "../../loyalty/calendar/calendar";
import { currentProgramVersion } from "../../loyalty/program/program";
import type { TierMetric } from "../../loyalty/program/rules-schema";
import { findTierLevel } from "../../loyalty/tiers/tier-levels";
import { tierStanding } from "../../loyalty/tiers/tier-progress";
import { tierWindowStart } from "../../loyalty/tiers/tier-window";
import { findMemberRow, memberLedgerPage, type MemberLedgerEntry } from "../../repositories/members.server";
import { listProgramVersions } from "../../repositories/program-versions.server";
import { findShop } from "../../repositories/shops.server";
import { listTierEvents, tierMetricFromRows, type TierEventRow } from "../../repositories/tiers.server";
import { displayName } from "./list-members.server";

export const LEDGER_PAGE_SIZE = 25;

export type MemberTier = {
  readonly id: string | null;
  readonly name: string | null;
  readonly since: Date | null;
  /** Set while the member is below the tier's threshold (the downgrade grace clock). */
  readonly belowSince: Date | null;
  readonly metric: TierMetric;
  /** The member's value of the metric over the program's window (minor units for spend). */
  readonly value: number;
  readonly next: { readonly id: string; readonly name: string; readonly threshold: number } | null;
  readonly remainingToNext: number;
  readonly percentToNext: number;
  /** The tier placement gives the member now when it differs from the one held (a move due at the next evaluation). */
  readonly due: { readonly id: string | null; readonly name: string | null } | null;
};

export type MemberDetail = {
  readonly id: number;
  readonly customerGid: string;
  readonly name: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly redacted: boolean;
  readonly enrolledAt: Date | null;
  readonly enrollmentSource: string | null;
  readonly currencyCode: string;
  readonly balance: { readonly available: number; readonly pending: number; readonly lifetime: number };
  readonly orders: { readonly count: number; readonly totalSpentMinor: number; readonly lastOrderAt: Date | null };
  /** Null when the program in force has no tiers. */
  readonly tier: MemberTier | null;
  readonly ledger: { readonly entries: readonly MemberLedgerEntry[]; readonly nextBefore: number | null };
  readonly tierEvents: readonly TierEventRow[];
  readonly birthday: { readonly month: number; readonly day: number; readonly year: number | null; readonly setAt: Date | null } | null;
};

/**
 * Everything the member page shows, or null when the shop has no such customer (another
 * shop's customer id included: the route answers 404). The ledger is paged newest first:
 * `ledgerBefore` is the journal id the previous page ended at.
 */
export async function getMemberDetail(
  database: AppDatabase,
  shopDomain: string,
  customerRowId: number,
  options: { readonly ledgerBefore?: number },
  now: Date,
): Promise<MemberDetail | null> {
  const shop = await findShop(database.db, shopDomain);
  if (!shop) return null;
  const member = await findMemberRow(database.db, shop.id, customerRowId);
  if (!member) return null;
  const [versions, ledger, tierEvents] = await Promise.all([
    listProgramVersions(database.db, shop.id),
    memberLedgerPage(database.db, shop.id, member.id, { limit: LEDGER_PAGE_SIZE, ...(options.ledgerBefore !== undefined ? { beforeJournalId: options.ledgerBefore } : {}) }),
    listTierEvents(database.db, member.id, 20),
  ]);
  const rules = currentProgramVersion(versions, now)?.rules.tiers;
  let tier: MemberTier | null = null;
  if (rules && (rules.enabled || member.tierId !== null)) {
    const start = tierWindowStart(rules.window, now, shopTimeZone(shop.ianaTimezone));
    const value = rules.enabled ? await tierMetricFromRows(database.db, shop.id, member.id, rules.metric, start, now) : 0;
    // The same numbers as placement: progress from the tier evaluateTier gives them now.
    const progress = tierStanding(rules, { tierId: member.tierId, since: member.tierSince, belowSince: member.tierBelowSince }, value, now);
    tier = {
      id: member.tierId,
      name: member.tierId === null ? null : (findTierLevel(rules.levels, member.tierId)?.name ?? member.tierId),
      since: member.tierSince,
      belowSince: member.tierBelowSince,
      metric: rules.metric,
      value,
      next: progress.next && { id: progress.next.id, name: progress.next.name, threshold: progress.next.threshold },
      remainingToNext: progress.remainingToNext,
      percentToNext: progress.percentToNext,
      due: progress.moveDue ? { id: progress.placed?.id ?? null, name: progress.placed?.name ?? null } : null,
    };
  }
  return {
    id: member.id,
    customerGid: member.customerGid,
    name: displayName(member),
    email: member.email,
    phone: member.phone,
    redacted: member.redactedAt !== null,
    enrolledAt: member.enrolledAt,
    enrollmentSource: member.enrollmentSource,
    currencyCode: shop.currencyCode,
    balance: { available: member.pointsAvailable, pending: member.pointsPending, lifetime: member.pointsLifetime },
    orders: { count: member.orderCount, totalSpentMinor: member.totalSpentMinor, lastOrderAt: member.lastOrderAt },
    tier,
    ledger: { entries: ledger.entries, nextBefore: ledger.more ? (ledger.entries.at(-1)?.journalId ?? null) : null },
    tierEvents,
    birthday:
      member.birthMonth !== null && member.birthDay !== null
        ? { month: member.birthMonth, day: member.birthDay, year: member.birthYear, setAt: member.birthdaySetAt }
        : null,
  };
}
