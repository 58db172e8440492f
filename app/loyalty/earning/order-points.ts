import { programVersionAt, type ProgramVersion } from "../program/program";
import {
  floorDiv,
  giftCardValueMinor,
  isPaidStatus,
  orderProcessedAt,
  refundsNotIncluded,
  type OrderSnapshot,
  type RefundFact,
} from "../orders/order-state";

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
  /** Eligible subtotal, shop money minor units (0 when the order does not earn). */
  readonly eligibleMinor: number;
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
};

/**
 * The points an order deserves in its latest known state: a pure function of that state,
 * so every webhook can reconcile the ledger to it (STYLE.md habit 4, "converge, don't
 * count").
 *
 * Eligible subtotal = current subtotal (after discounts, edits and the refunds the payload
 * includes, before shipping and taxes) − gift-card lines − refunds known but not yet
 * reflected in the payload; never below zero. Points are rounded down per order.
 */
export function orderEarning({ order, refunds, programVersions, countTestOrders }: OrderEarningInput): OrderEarning {
  const governing = programVersionAt(programVersions, orderProcessedAt(order));
  const none = (reason: EarningReason): OrderEarning => ({
    customerId: order.customerId,
    eligibleMinor: 0,
    points: 0,
    programVersion: governing?.version ?? null,
    reason,
  });

  if (order.customerId === null) return none("guest_order");
  if (!governing) return none("outside_program");
  if (order.cancelledAt !== null) return none("cancelled");
  if (!isPaidStatus(order.financialStatus)) return none("not_paid");
  if (order.test && !countTestOrders) return none("test_order");
  const spend = governing.rules.earning.spend;
  if (!spend.enabled) return none("rule_disabled");

  const pendingRefunds = refundsNotIncluded(order, refunds);
  for (const refund of pendingRefunds) {
    if (refund.currency !== order.currency) {
      throw new Error(`refund ${refund.refundId} is in ${refund.currency}, order ${order.orderId} in ${order.currency}`);
    }
  }
  const refundedMinor = pendingRefunds.reduce((sum, refund) => sum + refund.lineSubtotalMinor, 0);
  const eligibleMinor = Math.max(0, order.subtotalMinor - giftCardValueMinor(order.lines) - refundedMinor);
  return {
    customerId: order.customerId,
    eligibleMinor,
    points: floorDiv(eligibleMinor * spend.points, spend.perAmountMinor),
    programVersion: governing.version,
    reason: "earns",
  };
}
