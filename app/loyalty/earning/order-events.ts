import type { Journal } from "../ledger/ledger";
import { enrollmentFromOrder, type Enrollment } from "../members/membership";
import {
  isPaidStatus,
  snapshotVersion,
  supersedes,
  type OrderSnapshot,
  type RefundFact,
  type SnapshotVersion,
} from "../orders/order-state";
import type { ProgramVersion } from "../program/program";
import { orderMaturity, reconcileOrderAccrual, type AccrualHolding, type AccrualTarget } from "./accrual";
import { orderEarning, type OrderEarning } from "./order-points";
import type { LineTags } from "./spend-base";

/** What a webhook tells us about one order. */
export type OrderEvent<R extends RefundFact = RefundFact> =
  /** orders/create, orders/paid, orders/updated, orders/cancelled: a full order payload. */
  | { readonly kind: "order"; readonly snapshot: OrderSnapshot; readonly refunds: readonly R[] }
  /** refunds/create: one refund, possibly before any order payload reflecting it. */
  | { readonly kind: "refund"; readonly refund: R };

/** What is stored about an order before the event (loaded by the service). */
export type OrderBook = {
  readonly snapshot: OrderSnapshot | null;
  /** The stored snapshot's version as stored (its rank need not be recomputed). */
  readonly storedVersion?: SnapshotVersion;
  readonly refunds: readonly RefundFact[];
  /** Earliest `updated_at` of a paid payload seen: when the order was paid, as far as we know. */
  readonly paidAt?: Date | null;
  /** The tier multiplier frozen when the order was first seen paid. */
  readonly multiplierPercent?: number | null;
};

export type OrderEventContext = {
  readonly programVersions: readonly ProgramVersion[];
  readonly countTestOrders: boolean;
  /** The customer's tier multiplier now: frozen on the order the first time it is seen paid. */
  readonly currentMultiplierPercent?: number;
  readonly lineTags?: LineTags;
};

/** What to store (the service does it in one transaction, then reconciles the ledger). */
export type OrderEventPlan<R extends RefundFact = RefundFact> = {
  /** The new latest snapshot, when the event's supersedes the stored one, with its rank. */
  readonly snapshotToStore: OrderSnapshot | null;
  readonly snapshotRank: string | null;
  readonly refundsToStore: readonly R[];
  /** The order's state after the event (null until an order payload is known). */
  readonly snapshot: OrderSnapshot | null;
  /** What the order earns on its own in that state. */
  readonly earning: OrderEarning | null;
  readonly paidAt: Date | null;
  readonly multiplierPercent: number | null;
  readonly enrollment: Enrollment | null;
  /**
   * The business date of what the ledger reconciles to (null until an order payload is
   * known): when the latest fact of the order's state happened, not when Wafa hears of it.
   */
  readonly businessAt: Date | null;
};

/**
 * Folds one webhook into an order's book: keep the newer snapshot, add unseen refunds,
 * note the earliest payment, and compute what the resulting state earns. Duplicates,
 * reordering, late payment, edits, refunds before or after the order update that reflects
 * them: all converge on the same book (the snapshot is a maximum, refunds a union, paidAt
 * a minimum).
 */
export function planOrderEvent<R extends RefundFact>(
  book: OrderBook,
  event: OrderEvent<R>,
  context: OrderEventContext,
): OrderEventPlan<R> {
  const incomingRefunds = event.kind === "order" ? event.refunds : [event.refund];
  const knownIds = new Set(book.refunds.map((refund) => refund.refundId));
  const refundsToStore = dedupeById(incomingRefunds).filter((refund) => !knownIds.has(refund.refundId));

  let snapshotToStore: OrderSnapshot | null = null;
  let snapshotRank: string | null = null;
  let paidAt = book.paidAt ?? null;
  if (event.kind === "order") {
    const incoming = snapshotVersion(event.snapshot);
    if (!book.snapshot || supersedes(incoming, book.storedVersion ?? snapshotVersion(book.snapshot))) {
      snapshotToStore = event.snapshot;
      snapshotRank = incoming.rank;
    }
    if (isPaidStatus(event.snapshot.financialStatus)) paidAt = earliest(paidAt, event.snapshot.updatedAt);
  }

  const snapshot = snapshotToStore ?? book.snapshot;
  const frozen = book.multiplierPercent ?? null;
  if (!snapshot) {
    return { snapshotToStore, snapshotRank, refundsToStore, snapshot, earning: null, paidAt, multiplierPercent: frozen, enrollment: null, businessAt: null };
  }
  const multiplierPercent = frozen ?? (isPaidStatus(snapshot.financialStatus) ? (context.currentMultiplierPercent ?? 100) : null);
  const earning = orderEarning({
    order: snapshot,
    refunds: [...book.refunds, ...refundsToStore],
    programVersions: context.programVersions,
    countTestOrders: context.countTestOrders,
    multiplierPercent: multiplierPercent ?? 100,
    ...(context.lineTags ? { lineTags: context.lineTags } : {}),
  });
  const enrollment = enrollmentFromOrder(snapshot, context.programVersions, context.countTestOrders);
  const businessAt = orderBusinessDate(snapshot, [...book.refunds, ...refundsToStore], paidAt);
  return { snapshotToStore, snapshotRank, refundsToStore, snapshot, earning, paidAt, multiplierPercent, enrollment, businessAt };
}

/**
 * The business date of the journals that reconcile an order to its state: the latest of the
 * facts that decide its points — processed (else created), paid, cancelled, and each known
 * refund's processing. A function of the state, not of the delivery, so replays and
 * reordering date the journals alike; a webhook a day late, or a year of history loaded at
 * once, still dates the points when they happened (docs/decisions/0021-ledger-dates.md).
 */
export function orderBusinessDate(snapshot: OrderSnapshot, refunds: readonly RefundFact[], paidAt: Date | null): Date {
  let latest = snapshot.processedAt ?? snapshot.createdAt;
  for (const at of [paidAt, snapshot.cancelledAt, ...refunds.map((refund) => refund.processedAt)]) {
    if (at && at.getTime() > latest.getTime()) latest = at;
  }
  return latest;
}

/** The ledger target for an order that deserves `points` (its own, or after cross-order rules). */
export function accrualTargetFor(
  earning: Pick<OrderEarning, "customerId" | "programVersion">,
  points: number,
  paidAt: Date | null,
  programVersions: readonly ProgramVersion[],
): AccrualTarget {
  const governing = programVersions.find((version) => version.version === earning.programVersion) ?? null;
  return {
    customerId: earning.customerId,
    points,
    maturesAt: points > 0 ? orderMaturity(paidAt, governing?.rules.pending ?? null) : null,
    programVersion: earning.programVersion,
  };
}

export type OrderAccrualState = {
  readonly orderId: string;
  readonly current: ReadonlyMap<string, AccrualHolding>;
  readonly journalCount: number;
};

/**
 * The journals that reconcile one order's accrual to its target at `now`, dated `occurredAt`
 * (the business date: orderBusinessDate for an order's event, the maturity for a release),
 * never later than `now`, when Wafa records them.
 */
export function orderAccrualJournals(
  state: OrderAccrualState,
  target: AccrualTarget,
  meta: { readonly now: Date; readonly occurredAt: Date; readonly actor: string },
): Journal[] {
  return reconcileOrderAccrual({
    orderId: state.orderId,
    current: state.current,
    journalCount: state.journalCount,
    target,
    now: meta.now,
    occurredAt: meta.occurredAt.getTime() < meta.now.getTime() ? meta.occurredAt : meta.now,
    actor: meta.actor,
  });
}

function earliest(current: Date | null, candidate: Date): Date {
  return current === null || candidate.getTime() < current.getTime() ? candidate : current;
}

function dedupeById<R extends RefundFact>(refunds: readonly R[]): R[] {
  const byId = new Map<string, R>();
  for (const refund of refunds) if (!byId.has(refund.refundId)) byId.set(refund.refundId, refund);
  return [...byId.values()];
}
