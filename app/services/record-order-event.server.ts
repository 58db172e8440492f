import type { AppDatabase } from "../db/database.server";
import { inTransaction } from "../db/transaction.server";
import { planOrderEvent } from "../loyalty/earning/order-events";
import { giftCardValueMinor } from "../loyalty/orders/order-state";
import { enrollCustomer, upsertCustomer } from "../repositories/customers.server";
import { appendJournals, orderAccrual } from "../repositories/ledger.server";
import { findOrder, insertRefunds, listRefunds, lockOrder, saveOrder } from "../repositories/orders.server";
import { listProgramVersions } from "../repositories/program-versions.server";
import { findShop, isInstalled } from "../repositories/shops.server";
import type { OrderFacts } from "../shopify/payloads/order";
import { refundRecord, type RefundPayload } from "../shopify/payloads/refund";
import { toGid } from "../shopify/payloads/common";

export type OrderWebhook =
  | { readonly kind: "order"; readonly facts: OrderFacts }
  | { readonly kind: "refund"; readonly refund: RefundPayload };

export type RecordOrderEventResult =
  | { readonly status: "shop_not_installed" }
  | { readonly status: "recorded"; readonly journals: number; readonly points: number | null };

/**
 * orders/create, orders/paid, orders/updated, orders/cancelled and refunds/create: store
 * what the webhook says about the order and reconcile the ledger to the points its latest
 * state deserves, in one transaction. Idempotent and order-independent: see the core's
 * planOrderEvent.
 */
export async function recordOrderEvent(
  database: AppDatabase,
  shopDomain: string,
  webhook: OrderWebhook,
  meta: { topic: string; receivedAt: Date },
): Promise<RecordOrderEventResult> {
  const orderGid = webhook.kind === "order" ? webhook.facts.snapshot.orderId : toGid("Order", webhook.refund.order_id);
  return inTransaction(database, async (tx) => {
    const shop = await findShop(tx, shopDomain);
    if (!isInstalled(shop)) return { status: "shop_not_installed" } as const;
    await lockOrder(tx, database.kind, shop.id, orderGid);
    const now = meta.receivedAt;

    // The customer's row id by ledger key, for every customer this order touches.
    const customerIds = new Map<string, number>();
    let event;
    let incomingCustomerId: number | null = null;
    if (webhook.kind === "order") {
      let snapshot = webhook.facts.snapshot;
      if (webhook.facts.customer) {
        const customer = await upsertCustomer(tx, shop.id, webhook.facts.customer, now);
        customerIds.set(customer.key, customer.id);
        incomingCustomerId = customer.id;
        // A redacted customer is known by their tombstone key from here on.
        snapshot = { ...snapshot, customerId: customer.key };
      }
      event = { kind: "order" as const, snapshot, refunds: webhook.facts.refunds };
    } else {
      event = { kind: "refund" as const, refund: refundRecord(webhook.refund, shop.currencyCode) };
    }

    const [stored, refunds, accrual, programVersions] = await Promise.all([
      findOrder(tx, shop.id, orderGid),
      listRefunds(tx, shop.id, orderGid),
      orderAccrual(tx, shop.id, orderGid),
      listProgramVersions(tx, shop.id),
    ]);
    if (stored?.snapshot.customerId && stored.customerRowId !== null) customerIds.set(stored.snapshot.customerId, stored.customerRowId);
    for (const [key, id] of accrual.customerIds) customerIds.set(key, id);

    const plan = planOrderEvent(
      {
        snapshot: stored?.snapshot ?? null,
        ...(stored ? { storedVersion: stored.version } : {}),
        refunds,
        accrual: accrual.byCustomer,
        accrualJournalCount: accrual.journalCount,
      },
      event,
      { programVersions, countTestOrders: shop.countTestOrders, receivedAt: now, actor: `webhook:${meta.topic}` },
    );

    if (plan.snapshotToStore && plan.snapshotRank) {
      const { snapshotToStore, snapshotRank } = plan;
      await saveOrder(tx, shop.id, stored?.id ?? null, incomingCustomerId, snapshotToStore, snapshotRank, giftCardValueMinor(snapshotToStore.lines), now);
    }
    await insertRefunds(tx, shop.id, plan.refundsToStore, now);
    const current = plan.snapshotToStore ?? stored?.snapshot;
    const currentCustomerRow = current?.customerId ? customerIds.get(current.customerId) : undefined;
    if (plan.enrollment && currentCustomerRow !== undefined) await enrollCustomer(tx, currentCustomerRow, plan.enrollment, now);
    await appendJournals(tx, shop.id, plan.journals, customerIds, now);
    return { status: "recorded", journals: plan.journals.length, points: plan.earning?.points ?? null } as const;
  });
}
