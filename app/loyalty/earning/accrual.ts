import { available, movePoints, programIssued } from "../ledger/journals";
import type { Journal } from "../ledger/ledger";

export type AccrualTarget = {
  /** Who should hold the order's points now (null: nobody, e.g. a guest order). */
  readonly customerId: string | null;
  readonly points: number;
  readonly programVersion: number | null;
};

export type ReconcileInput = {
  readonly orderId: string;
  /** Points the ledger already attributes to this order, by customer (earn + reversal). */
  readonly current: ReadonlyMap<string, number>;
  /** How many accrual journals the order has: the next key's sequence number. */
  readonly journalCount: number;
  readonly target: AccrualTarget;
  readonly occurredAt: Date;
  readonly actor: string;
};

/** Domain key of the n-th accrual journal of an order (unique per shop). */
export function accrualKey(orderId: string, sequence: number): string {
  return `order:${orderId}:accrual:${sequence}`;
}

/**
 * Journals that bring the ledger from what it holds for an order to what the order
 * deserves, writing only the difference: an earn for a shortfall, a reversal for an
 * excess. A replayed or stale webhook finds nothing to write. If the order changed
 * hands, the previous customer's points are reversed and the new customer's earned.
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
    const wanted = customerId === target.customerId ? target.points : 0;
    const delta = wanted - (input.current.get(customerId) ?? 0);
    if (delta === 0) continue;
    const meta = {
      key: accrualKey(input.orderId, input.journalCount + journals.length),
      kind: delta > 0 ? ("earn" as const) : ("reversal" as const),
      customerId,
      orderId: input.orderId,
      programVersion: target.programVersion,
      occurredAt: input.occurredAt,
      actor: input.actor,
    };
    journals.push(
      delta > 0
        ? movePoints(meta, programIssued, available(customerId), delta)
        : movePoints(meta, available(customerId), programIssued, -delta),
    );
  }
  return journals;
}
