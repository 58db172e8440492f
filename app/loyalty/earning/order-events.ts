import type { Journal } from "../ledger/ledger";
import { enrollmentFromOrder, type Enrollment } from "../members/membership";
import { snapshotVersion, supersedes, type OrderSnapshot, type RefundFact, type SnapshotVersion } from "../orders/order-state";
import type { ProgramVersion } from "../program/program";
import { reconcileOrderAccrual } from "./accrual";
import { orderEarning, type OrderEarning } from "./order-points";

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
  /** Points the ledger attributes to the order, by customer. */
  readonly accrual: ReadonlyMap<string, number>;
  readonly accrualJournalCount: number;
};

export type OrderEventContext = {
  readonly programVersions: readonly ProgramVersion[];
  readonly countTestOrders: boolean;
  readonly receivedAt: Date;
  readonly actor: string;
};

/** What to write (the service does it in one transaction). */
export type OrderEventPlan<R extends RefundFact = RefundFact> = {
  /** The new latest snapshot, when the event's supersedes the stored one, with its rank. */
  readonly snapshotToStore: OrderSnapshot | null;
  readonly snapshotRank: string | null;
  readonly refundsToStore: readonly R[];
  /** The order's earning in its state after the event (null until an order payload is known). */
  readonly earning: OrderEarning | null;
  readonly journals: readonly Journal[];
  readonly enrollment: Enrollment | null;
};

/**
 * Folds one webhook into an order's book: keep the newer snapshot, add unseen refunds,
 * then reconcile the ledger to the points the resulting state deserves. Duplicates,
 * reordering, late payment, edits, refunds before or after the order update that
 * reflects them: all converge on the same book and ledger.
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
  if (event.kind === "order") {
    const incoming = snapshotVersion(event.snapshot);
    if (!book.snapshot || supersedes(incoming, book.storedVersion ?? snapshotVersion(book.snapshot))) {
      snapshotToStore = event.snapshot;
      snapshotRank = incoming.rank;
    }
  }

  const snapshot = snapshotToStore ?? book.snapshot;
  if (!snapshot) return { snapshotToStore, snapshotRank, refundsToStore, earning: null, journals: [], enrollment: null };

  const refunds = [...book.refunds, ...refundsToStore];
  const earning = orderEarning({
    order: snapshot,
    refunds,
    programVersions: context.programVersions,
    countTestOrders: context.countTestOrders,
  });
  const journals = reconcileOrderAccrual({
    orderId: snapshot.orderId,
    current: book.accrual,
    journalCount: book.accrualJournalCount,
    target: { customerId: earning.customerId, points: earning.points, programVersion: earning.programVersion },
    occurredAt: context.receivedAt,
    actor: context.actor,
  });
  const enrollment = enrollmentFromOrder(snapshot, context.programVersions, context.countTestOrders);
  return { snapshotToStore, snapshotRank, refundsToStore, earning, journals, enrollment };
}

function dedupeById<R extends RefundFact>(refunds: readonly R[]): R[] {
  const byId = new Map<string, R>();
  for (const refund of refunds) if (!byId.has(refund.refundId)) byId.set(refund.refundId, refund);
  return [...byId.values()];
}
