import { sql } from "kysely";
import { z } from "zod";
import type { DatabaseKind, Db } from "../db/database.server";
import { snapshotRank, type OrderSnapshot, type RefundFact } from "../loyalty/orders/order-state";

/**
 * Serialises work on one order across concurrent transactions. PostgreSQL: a transaction-
 * scoped advisory lock on (shop, order), taken first, so an order payload and its refund
 * arriving together are applied one after the other. SQLite: write transactions are
 * already serialised (BEGIN IMMEDIATE on one connection).
 */
export async function lockOrder(db: Db, kind: DatabaseKind, shopId: number, orderGid: string): Promise<void> {
  if (kind === "postgres") await sql`SELECT pg_advisory_xact_lock(${shopId}, hashtext(${orderGid}))`.execute(db);
}

const LineSchema = z.object({
  lineItemId: z.string(),
  productId: z.string().nullable(),
  quantity: z.number().int(),
  currentQuantity: z.number().int(),
  giftCard: z.boolean(),
  unitPriceMinor: z.number().int(),
  discountMinor: z.number().int(),
});
const StringList = z.array(z.string());

export type StoredOrder = { readonly id: number; readonly customerRowId: number | null; readonly snapshot: OrderSnapshot };

export async function findOrder(db: Db, shopId: number, orderGid: string): Promise<StoredOrder | null> {
  const row = await db
    .selectFrom("Order as o")
    .leftJoin("Customer as c", "c.id", "o.customerId")
    .select([
      "o.id", "o.orderGid", "o.name", "o.test", "o.financialStatus", "o.cancelledAt", "o.shopifyCreatedAt", "o.processedAt",
      "o.shopifyUpdatedAt", "o.currency", "o.subtotalMinor", "o.totalMinor", "o.discountsMinor", "o.includedRefundGids",
      "o.lineItems", "o.discountCodes", "o.sourceName", "o.customerId", "c.customerGid",
    ])
    .where("o.shopId", "=", shopId)
    .where("o.orderGid", "=", orderGid)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    customerRowId: row.customerId,
    snapshot: {
      orderId: row.orderGid,
      name: row.name,
      customerId: row.customerGid ?? null,
      test: row.test,
      financialStatus: row.financialStatus,
      cancelledAt: row.cancelledAt,
      createdAt: row.shopifyCreatedAt,
      processedAt: row.processedAt,
      updatedAt: row.shopifyUpdatedAt,
      currency: row.currency,
      subtotalMinor: row.subtotalMinor,
      totalMinor: row.totalMinor,
      discountsMinor: row.discountsMinor,
      includedRefundIds: StringList.parse(JSON.parse(row.includedRefundGids)),
      lines: z.array(LineSchema).parse(JSON.parse(row.lineItems)),
      discountCodes: StringList.parse(JSON.parse(row.discountCodes)),
      sourceName: row.sourceName,
    },
  };
}

/** Stores the order's new latest snapshot. `customerId` is the internal customer row id. */
export async function saveOrder(
  db: Db,
  shopId: number,
  existingId: number | null,
  customerId: number | null,
  snapshot: OrderSnapshot,
  giftCardMinor: number,
  now: Date,
): Promise<void> {
  const columns = {
    customerId,
    name: snapshot.name,
    test: snapshot.test,
    financialStatus: snapshot.financialStatus,
    cancelledAt: snapshot.cancelledAt,
    shopifyCreatedAt: snapshot.createdAt,
    processedAt: snapshot.processedAt,
    shopifyUpdatedAt: snapshot.updatedAt,
    snapshotRank: snapshotRank(snapshot),
    currency: snapshot.currency,
    subtotalMinor: snapshot.subtotalMinor,
    totalMinor: snapshot.totalMinor,
    discountsMinor: snapshot.discountsMinor,
    giftCardMinor,
    includedRefundGids: JSON.stringify(snapshot.includedRefundIds),
    lineItems: JSON.stringify(snapshot.lines),
    discountCodes: JSON.stringify(snapshot.discountCodes),
    sourceName: snapshot.sourceName,
    updatedAt: now,
  };
  if (existingId !== null) {
    await db.updateTable("Order").set(columns).where("id", "=", existingId).execute();
  } else {
    await db.insertInto("Order").values({ ...columns, shopId, orderGid: snapshot.orderId, createdAt: now }).execute();
  }
}

export async function listRefunds(db: Db, shopId: number, orderGid: string): Promise<RefundFact[]> {
  const rows = await db
    .selectFrom("OrderRefund")
    .select(["refundGid", "orderGid", "processedAt", "currency", "lineSubtotalMinor", "giftCardMinor"])
    .where("shopId", "=", shopId)
    .where("orderGid", "=", orderGid)
    .orderBy("id")
    .execute();
  return rows.map((row) => ({
    refundId: row.refundGid,
    orderId: row.orderGid,
    processedAt: row.processedAt,
    currency: row.currency,
    lineSubtotalMinor: row.lineSubtotalMinor,
    giftCardMinor: row.giftCardMinor,
  }));
}

export type RefundRecord = RefundFact & { readonly lineItems: readonly unknown[] };

/** Idempotent under the refund's GID: a refund seen twice is stored once. */
export async function insertRefunds(db: Db, shopId: number, refunds: readonly RefundRecord[], now: Date): Promise<void> {
  if (refunds.length === 0) return;
  await db
    .insertInto("OrderRefund")
    .values(
      refunds.map((refund) => ({
        shopId,
        refundGid: refund.refundId,
        orderGid: refund.orderId,
        processedAt: refund.processedAt,
        currency: refund.currency,
        lineSubtotalMinor: refund.lineSubtotalMinor,
        giftCardMinor: refund.giftCardMinor,
        lineItems: JSON.stringify(refund.lineItems),
        createdAt: now,
      })),
    )
    .onConflict((conflict) => conflict.columns(["shopId", "refundGid"]).doNothing())
    .execute();
}
