import { programVersionAt, type ProgramVersion } from "../program/program";
import type { EarningRules } from "../program/rules-schema";
import {
  floorDiv,
  isPaidStatus,
  orderProcessedAt,
  refundsNotIncluded,
  type OrderSnapshot,
  type RefundFact,
} from "../orders/order-state";
import { eligibleSpendMinor, netSpendMinor, type LineTags } from "./spend-base";

export type EarningReason =
  | "earns"
  | "guest_order"
  | "not_paid"
  | "cancelled"
  | "test_order"
  | "outside_program"
  | "rule_disabled";

export type OrderEarning = {
  /** Who the points belong to; null for guest orders. */
  readonly customerId: string | null;
  /** Spend that earns points under the governing base, minor units (0 when the order does not earn). */
  readonly eligibleMinor: number;
  /** The order's net spend (subtotal without gift cards, after every known refund), for tiers and reports. */
  readonly netSpendMinor: number;
  /** Counts as one of the customer's orders (for "every Nth order" and tiers): earning-eligible with spend left. */
  readonly qualifies: boolean;
  /** The tier multiplier applied (100 = 1×). */
  readonly multiplierPercent: number;
  /** Spend-rule points after the per-order maximum and the multiplier, before per-period caps. */
  readonly spendPoints: number;
  /** Per-order points after the multiplier, before per-period limits. */
  readonly orderPoints: number;
  /** spendPoints + orderPoints: what the order earns on its own (cross-order rules come after). */
  readonly points: number;
  /** The program version that governs the order, if any. */
  readonly programVersion: number | null;
  readonly reason: EarningReason;
};

export type OrderEarningInput = {
  readonly order: OrderSnapshot;
  /** Every refund known for the order, included in the snapshot or not. */
  readonly refunds: readonly RefundFact[];
  readonly programVersions: readonly ProgramVersion[];
  /** The shop's "count test orders" setting. */
  readonly countTestOrders: boolean;
  /** The member's tier multiplier for this order, frozen when it was first paid (100 = 1×). */
  readonly multiplierPercent?: number;
  /** Product tags of the order's lines (for excluded tags). */
  readonly lineTags?: LineTags;
};

/**
 * The points an order deserves in its latest known state: a pure function of that state,
 * so every webhook can reconcile the ledger to it (STYLE.md habit 4, "converge, don't
 * count"). The order is governed by the program version in effect when it was processed.
 *
 * Spend points = ⌊eligible spend × points / perAmount⌋, capped per order, then multiplied
 * by the tier multiplier (rounded down); per-order points when the eligible spend reaches
 * the minimum, multiplied too. Bonuses (nth order, sign-up, birthday…) are not multiplied.
 */
export function orderEarning(input: OrderEarningInput): OrderEarning {
  const { order } = input;
  const governing = programVersionAt(input.programVersions, orderProcessedAt(order));
  const pendingRefunds = refundsNotIncluded(order, input.refunds);
  assertSameCurrency(order, pendingRefunds);
  const net = netSpendMinor(order, pendingRefunds);
  const multiplierPercent = input.multiplierPercent ?? 100;
  const none = (reason: EarningReason): OrderEarning => ({
    customerId: order.customerId,
    eligibleMinor: 0,
    netSpendMinor: net,
    qualifies: false,
    multiplierPercent,
    spendPoints: 0,
    orderPoints: 0,
    points: 0,
    programVersion: governing?.version ?? null,
    reason,
  });

  if (order.customerId === null) return none("guest_order");
  if (!governing) return none("outside_program");
  if (order.cancelledAt !== null) return none("cancelled");
  if (!isPaidStatus(order.financialStatus)) return none("not_paid");
  if (order.test && !input.countTestOrders) return none("test_order");
  const earning = governing.rules.earning;
  const qualifies = net > 0;
  if (!earning.spend.enabled && !earning.perOrder.enabled && !earning.nthOrder.enabled) {
    return { ...none("rule_disabled"), qualifies };
  }

  const eligibleMinor = eligibleSpendMinor(order, pendingRefunds, earning.spend.base, input.lineTags);
  const spendPoints = multiply(spendRulePoints(earning, eligibleMinor), multiplierPercent);
  const orderPoints = qualifies ? multiply(orderRulePoints(earning, eligibleMinor), multiplierPercent) : 0;
  return {
    customerId: order.customerId,
    eligibleMinor,
    netSpendMinor: net,
    qualifies,
    multiplierPercent,
    spendPoints,
    orderPoints,
    points: spendPoints + orderPoints,
    programVersion: governing.version,
    reason: "earns",
  };
}

function spendRulePoints(earning: EarningRules, eligibleMinor: number): number {
  const { spend } = earning;
  if (!spend.enabled) return 0;
  const points = floorDiv(eligibleMinor * spend.points, spend.perAmountMinor);
  return spend.maxPointsPerOrder === null ? points : Math.min(points, spend.maxPointsPerOrder);
}

function orderRulePoints(earning: EarningRules, eligibleMinor: number): number {
  const { perOrder } = earning;
  if (!perOrder.enabled || eligibleMinor < perOrder.minimumSubtotalMinor) return 0;
  return perOrder.points;
}

/** Points × percent / 100, rounded down: a multiplier never creates fractional points. */
export function multiply(points: number, percent: number): number {
  return floorDiv(points * percent, 100);
}

function assertSameCurrency(order: OrderSnapshot, refunds: readonly RefundFact[]): void {
  for (const refund of refunds) {
    if (refund.currency !== order.currency) {
      throw new Error(`refund ${refund.refundId} is in ${refund.currency}, order ${order.orderId} in ${order.currency}`);
    }
  }
}
