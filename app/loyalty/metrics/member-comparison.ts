import type { CustomerFact, OrderFact } from "./metric-facts";
import { isMemberOrder } from "./definitions";
import { compareGroups, statsFor, type GroupStats } from "./group-comparison";
import type { Period } from "./period";

export type MemberComparison = {
  readonly members: GroupStats;
  readonly nonMembers: GroupStats;
  /** Guest checkouts: orders and sales only (no customers, so no frequency or LTV). */
  readonly guests: GroupStats;
};

/** When each customer enrolled (absent or null: never). */
export function enrollmentIndex(customers: readonly CustomerFact[]): Map<string, Date | null> {
  return new Map(customers.map((customer) => [customer.customerId, customer.enrolledAt]));
}

/**
 * Members vs non-members for a period: AOV, frequency, revenue per customer, share of
 * revenue and LTV.
 * - Orders are split by the order: a member order's customer was enrolled at or before it
 *   (a customer who joins mid-period has non-member orders before and member orders after).
 *   Guest checkouts are a third line, so the three revenue shares add up to 100 %.
 * - LTV compares customers: members are customers enrolled before the period end, and all
 *   their orders up to then count (also those from before they joined).
 */
export function memberComparison(orders: readonly OrderFact[], customers: readonly CustomerFact[], period: Period): MemberComparison {
  const enrolledAt = enrollmentIndex(customers);
  const end = period.to.getTime();
  const stats = compareGroups(orders, period, {
    groups: ["members", "nonMembers", "guests"] as const,
    orderGroup: (order) => {
      if (order.customerId === null) return "guests";
      return isMemberOrder(order, enrolledAt.get(order.customerId) ?? null) ? "members" : "nonMembers";
    },
    customerGroup: (customerId) => {
      const at = enrolledAt.get(customerId) ?? null;
      return at !== null && at.getTime() < end ? "members" : "nonMembers";
    },
  });
  return { members: statsFor(stats, "members"), nonMembers: statsFor(stats, "nonMembers"), guests: statsFor(stats, "guests") };
}

export type RedeemerComparison = { readonly redeemers: GroupStats; readonly nonRedeemers: GroupStats };

/**
 * Redeemers vs non-redeemers, among members: `redeemers` is the set of customers who have
 * redeemed a reward at least once before the period end; non-redeemers are the other
 * customers enrolled before the period end. Customer-level: all of a customer's orders in
 * the period count for their group. Non-members and guests are left out (shares are still
 * of the whole shop's net sales).
 */
export function redeemerComparison(
  orders: readonly OrderFact[],
  customers: readonly CustomerFact[],
  period: Period,
  redeemers: ReadonlySet<string>,
): RedeemerComparison {
  const enrolledAt = enrollmentIndex(customers);
  const end = period.to.getTime();
  const groupOf = (customerId: string) => {
    const at = enrolledAt.get(customerId) ?? null;
    if (at === null || at.getTime() >= end) return null;
    return redeemers.has(customerId) ? "redeemers" : "nonRedeemers";
  };
  const stats = compareGroups(orders, period, {
    groups: ["redeemers", "nonRedeemers"] as const,
    orderGroup: (order) => (order.customerId === null ? null : groupOf(order.customerId)),
    customerGroup: groupOf,
  });
  return { redeemers: statsFor(stats, "redeemers"), nonRedeemers: statsFor(stats, "nonRedeemers") };
}

/**
 * Figures by tier: `tierOf` maps a customer to their tier at the period end (customers not
 * in it are left out). Customer-level, like redeemers. Tiers sorted by name; the UI orders
 * them as the program does.
 */
export function tierComparison(
  orders: readonly OrderFact[],
  period: Period,
  tierOf: ReadonlyMap<string, string>,
): Array<{ readonly tier: string; readonly stats: GroupStats }> {
  const tiers = [...new Set(tierOf.values())].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const stats = compareGroups(orders, period, {
    groups: tiers,
    orderGroup: (order) => (order.customerId === null ? null : (tierOf.get(order.customerId) ?? null)),
    customerGroup: (customerId) => tierOf.get(customerId) ?? null,
  });
  return tiers.map((tier) => ({ tier, stats: statsFor(stats, tier) }));
}
