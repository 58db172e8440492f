import type { AppDatabase, Db } from "../db/database.server";
import type { JobResult } from "../jobs/job";
import { sweepInBatches } from "../jobs/sweep.server";
import { accrualTargetFor, orderAccrualJournals } from "../loyalty/earning/order-events";
import type { ProgramVersion } from "../loyalty/program/program";
import { appendJournals, orderAccrual } from "../repositories/ledger.server";
import { findOrder, listOrdersDueForRelease, lockOrder, setOrderPoints } from "../repositories/orders.server";
import { NOTHING_TO_DO, shopProgramAt, signalOf, type ShopSweep } from "./scheduled-shop.server";

export const RELEASE_ACTOR = "system:release-pending-points";

type DueOrder = { readonly id: number; readonly orderGid: string };

/**
 * Pending points become available when their order matures (the program's pending period
 * after payment, app/loyalty/earning/accrual.ts orderMaturity): for every order of the shop
 * whose `pendingUntil` has passed, reconcile its accrual at `now`, exactly as a webhook
 * would, which writes the release journal, and clear or move its `pendingUntil`.
 *
 * Idempotent: each order is re-read under the order lock the webhooks take (PostgreSQL),
 * so a concurrent sweep or webhook is applied before or after, and a reconciled order has
 * nothing left to write. The release journal's key is the order's next accrual sequence
 * number, unique per shop: two writers that raced anyway collide and one retries.
 */
export async function releasePendingPoints(database: AppDatabase, run: ShopSweep): Promise<JobResult> {
  const program = await shopProgramAt(database.db, run.shopId, run.now);
  if (!program) return NOTHING_TO_DO;
  return sweepInBatches<DueOrder, number>({
    database,
    signal: signalOf(run),
    ...(run.batchSize ? { batchSize: run.batchSize } : {}),
    fetchBatch: (tx, after, limit) => listOrdersDueForRelease(tx, run.shopId, run.now, after ?? 0, limit),
    cursorOf: (order) => order.id,
    processItem: (tx, order) => releaseOrder(tx, database, run, program.versions, order.orderGid),
  });
}

// Versions are append-only and an order's governing version never changes: read once per run.
async function releaseOrder(tx: Db, database: AppDatabase, run: ShopSweep, versions: readonly ProgramVersion[], orderGid: string): Promise<void> {
  const { shopId, now } = run;
  await lockOrder(tx, database.kind, shopId, orderGid);
  const [stored, accrual] = await Promise.all([findOrder(tx, shopId, orderGid), orderAccrual(tx, shopId, orderGid)]);
  if (!stored) return;
  const customerKey = stored.snapshot.customerId;
  const target = accrualTargetFor({ customerId: customerKey, programVersion: stored.earning.programVersion }, stored.points, stored.paidAt, versions);
  const journals = orderAccrualJournals({ orderId: orderGid, current: accrual.byCustomer, journalCount: accrual.journalCount }, target, { now, occurredAt: target.maturesAt ?? now, actor: RELEASE_ACTOR });
  const customerIds = new Map(accrual.customerIds);
  if (customerKey && stored.customerRowId !== null) customerIds.set(customerKey, stored.customerRowId);
  await appendJournals(tx, shopId, journals, customerIds, now);
  const pendingUntil = target.maturesAt && now.getTime() < target.maturesAt.getTime() ? target.maturesAt : null;
  await setOrderPoints(tx, shopId, orderGid, stored.points, pendingUntil, now);
}
