import { available, movePoints, pending, programIssued, type Endpoint } from "../ledger/journals";
import type { Journal, JournalKind } from "../ledger/ledger";
import type { PendingRule } from "../program/rules-schema";

export type AccrualTarget = {
  /** Who should hold the order's points now (null: nobody, e.g. a guest order). */
  readonly customerId: string | null;
  readonly points: number;
  /** When the points become available (null: at once). Before then they are pending. */
  readonly maturesAt: Date | null;
  readonly programVersion: number | null;
};

/** Points the ledger attributes to an order for one customer, by account. */
export type AccrualHolding = { readonly pending: number; readonly available: number };

export const NO_HOLDING: AccrualHolding = { pending: 0, available: 0 };

export type ReconcileInput = {
  readonly orderId: string;
  /** What the ledger already attributes to this order, by customer (earn, reversal, release). */
  readonly current: ReadonlyMap<string, AccrualHolding>;
  /** How many accrual journals the order has: the next key's sequence number. */
  readonly journalCount: number;
  readonly target: AccrualTarget;
  /** Decides pending vs available. */
  readonly now: Date;
  readonly occurredAt: Date;
  readonly actor: string;
};

/** Domain key of the n-th accrual journal of an order (unique per shop). */
export function accrualKey(orderId: string, sequence: number): string {
  return `order:${orderId}:accrual:${sequence}`;
}

/**
 * When an order's points become available: `days` after it was paid when the program has
 * a pending period (the return window), otherwise at once.
 */
export function orderMaturity(paidAt: Date | null, rule: PendingRule | null): Date | null {
  if (!rule?.enabled || paidAt === null) return null;
  return new Date(paidAt.getTime() + rule.days * 86_400_000);
}

/** The holding the ledger should show for a customer at `now`. */
export function targetHolding(target: AccrualTarget, customerId: string, now: Date): AccrualHolding {
  if (customerId !== target.customerId) return NO_HOLDING;
  const isPending = target.maturesAt !== null && now.getTime() < target.maturesAt.getTime();
  return isPending ? { pending: target.points, available: 0 } : { pending: 0, available: target.points };
}

type Move = { kind: JournalKind; from: Endpoint; to: Endpoint; points: number };

/**
 * Journals that bring the ledger from what it holds for an order to what the order
 * deserves now, writing only the difference: a release when pending points mature, an earn
 * for a shortfall, a reversal for an excess (taken from the account that holds it). A
 * replayed or stale webhook finds nothing to write. If the order changed hands, the
 * previous customer's points are reversed and the new customer's earned.
 *
 * The keys are sequence-numbered per order, so two concurrent reconciliations of one order
 * collide on the unique key and one of them retries against the fresh ledger.
 */
export function reconcileOrderAccrual(input: ReconcileInput): Journal[] {
  const { target } = input;
  if (!Number.isSafeInteger(target.points) || target.points < 0) {
    throw new Error(`an order deserves a non-negative integer of points, got ${target.points}`);
  }
  const customers = new Set(input.current.keys());
  if (target.customerId) customers.add(target.customerId);

  const journals: Journal[] = [];
  for (const customerId of [...customers].sort()) {
    const moves = movesFor(customerId, input.current.get(customerId) ?? NO_HOLDING, targetHolding(target, customerId, input.now));
    for (const move of moves) {
      const meta = {
        key: accrualKey(input.orderId, input.journalCount + journals.length),
        kind: move.kind,
        customerId,
        orderId: input.orderId,
        programVersion: target.programVersion,
        occurredAt: input.occurredAt,
        actor: input.actor,
      };
      journals.push(movePoints(meta, move.from, move.to, move.points));
    }
  }
  return journals;
}

function movesFor(customerId: string, held: AccrualHolding, wanted: AccrualHolding): Move[] {
  let pendingDelta = wanted.pending - held.pending;
  let availableDelta = wanted.available - held.available;
  const moves: Move[] = [];
  if (pendingDelta < 0 && availableDelta > 0) {
    const released = Math.min(-pendingDelta, availableDelta);
    moves.push({ kind: "release", from: pending(customerId), to: available(customerId), points: released });
    pendingDelta += released;
    availableDelta -= released;
  }
  for (const [delta, account] of [[pendingDelta, pending(customerId)], [availableDelta, available(customerId)]] as const) {
    if (delta < 0) moves.push({ kind: "reversal", from: account, to: programIssued, points: -delta });
    if (delta > 0) moves.push({ kind: "earn", from: programIssued, to: account, points: delta });
  }
  return moves;
}
