import type { Tx } from "../db/database.server";
import { refundProblem, snapshotProblem } from "../loyalty/orders/fact-problems";
import type { OrderSnapshot, RefundFact } from "../loyalty/orders/order-state";
import { insertDeadLetter } from "../repositories/dead-letters.server";
import { deleteRefund, findOrder, listRefunds, type StoredOrder } from "../repositories/orders.server";
import type { ShopRecord } from "../repositories/shops.server";

export type OrderBookRead = {
  /** The order's row, if any (its id, accounting and customer stay usable whatever its snapshot). */
  readonly stored: StoredOrder | null;
  /** The stored snapshot, or null when it cannot be part of the book (parked). */
  readonly snapshot: OrderSnapshot | null;
  /** The stored refunds that can be part of the book. */
  readonly refunds: RefundFact[];
};

/**
 * An order's stored book, read so that nothing stored can make a later delivery fail
 * (issue 10, item 3): a stored refund in another currency than the shop's, or with a
 * negative amount (stored before the edge refused them), is taken out of the book and
 * parked as a dead letter with its reason; a stored snapshot of that kind is set aside (and
 * parked) until an order payload replaces it. The rest of the book is used as it is.
 */
export async function readOrderBook(tx: Tx, shop: ShopRecord, orderGid: string, meta: { readonly topic: string; readonly receivedAt: Date }): Promise<OrderBookRead> {
  const [stored, refunds] = await Promise.all([findOrder(tx, shop.id, orderGid), listRefunds(tx, shop.id, orderGid)]);
  const park = (reason: string, fact: unknown) =>
    insertDeadLetter(tx, { shopDomain: shop.domain, topic: meta.topic, webhookId: null, reason: `stored state set aside: ${reason}`, payload: JSON.stringify(fact) }, meta.receivedAt);
  const snapshotIssue = stored ? snapshotProblem(stored.snapshot, shop.currencyCode) : null;
  if (stored && snapshotIssue) await park(snapshotIssue, stored.snapshot);
  const usable: RefundFact[] = [];
  for (const refund of refunds) {
    const issue = refundProblem(refund, shop.currencyCode);
    if (issue === null) {
      usable.push(refund);
      continue;
    }
    await deleteRefund(tx, shop.id, refund.refundId);
    await park(issue, refund);
  }
  return { stored, snapshot: stored && !snapshotIssue ? stored.snapshot : null, refunds: usable };
}
