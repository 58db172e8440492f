import { sql } from "kysely";
import { z } from "zod";
import type { DatabaseKind, Db } from "../db/database.server";
import { prepared, slot } from "../db/prepared.server";
import type { OrderSnapshot, RefundFact, SnapshotVersion } from "../loyalty/orders/order-state";

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

export type StoredOrder = {
  readonly id: number;
  readonly customerRowId: number | null;
  readonly snapshot: OrderSnapshot;
  readonly version: SnapshotVersion;
};

const findOrderQuery = prepared((db) =>
  db
    .selectFrom("Order as o")
    .leftJoin("Customer as c", "c.id", "o.customerId")
    .select([
      "o.id", "o.orderGid", "o.name", "o.test", "o.financialStatus", "o.cancelledAt", "o.shopifyCreatedAt", "o.processedAt",
      "o.shopifyUpdatedAt", "o.currency", "o.subtotalMinor", "o.totalMinor", "o.discountsMinor", "o.includedRefundGids",
      "o.lineItems", "o.discountCodes", "o.sourceName", "o.customerId", "o.snapshotRank", "c.customerGid",
    ])
    .where("o.shopId", "=", slot<number>(0))
    .where("o.orderGid", "=", slot<string>(1)),
);

export async function findOrder(db: Db, shopId: number, orderGid: string): Promise<StoredOrder | null> {
  const [row] = (await findOrderQuery(db, [shopId, orderGid])).rows;
  if (!row) return null;
  return {
    id: row.id,
    customerRowId: row.customerId,
    version: { updatedAt: row.shopifyUpdatedAt, rank: row.snapshotRank },
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
  rank: string,
  giftCardMinor: number,
  now: Date,
): Promise<void> {
  const values = [
    customerId, snapshot.name, snapshot.test, snapshot.financialStatus, snapshot.cancelledAt, snapshot.createdAt,
    snapshot.processedAt, snapshot.updatedAt, rank, snapshot.currency, snapshot.subtotalMinor,
    snapshot.totalMinor, snapshot.discountsMinor, giftCardMinor, JSON.stringify(snapshot.includedRefundIds),
    JSON.stringify(snapshot.lines), JSON.stringify(snapshot.discountCodes), snapshot.sourceName, now,
  ];
  if (existingId !== null) await updateOrderQuery(db, [...values, existingId]);
  else await insertOrderQuery(db, [...values, shopId, snapshot.orderId]);
}

/** The snapshot's columns, as arguments 0-18 of the two queries below. */
const ORDER_COLUMNS = {
  customerId: slot<number | null>(0),
  name: slot<string | null>(1),
  test: slot<boolean>(2),
  financialStatus: slot<string | null>(3),
  cancelledAt: slot<Date | null>(4),
  shopifyCreatedAt: slot<Date>(5),
  processedAt: slot<Date | null>(6),
  shopifyUpdatedAt: slot<Date>(7),
  snapshotRank: slot<string>(8),
  currency: slot<string>(9),
  subtotalMinor: slot<number>(10),
  totalMinor: slot<number>(11),
  discountsMinor: slot<number>(12),
  giftCardMinor: slot<number>(13),
  includedRefundGids: slot<string>(14),
  lineItems: slot<string>(15),
  discountCodes: slot<string>(16),
  sourceName: slot<string | null>(17),
  updatedAt: slot<Date>(18),
};
const updateOrderQuery = prepared((db) => db.updateTable("Order").set(ORDER_COLUMNS).where("id", "=", slot<number>(19)));
const insertOrderQuery = prepared((db) =>
  db.insertInto("Order").values({ ...ORDER_COLUMNS, createdAt: slot<Date>(18), shopId: slot<number>(19), orderGid: slot<string>(20) }),
);

const listRefundsQuery = prepared((db) =>
  db
    .selectFrom("OrderRefund")
    .select(["refundGid", "orderGid", "processedAt", "currency", "lineSubtotalMinor", "giftCardMinor"])
    .where("shopId", "=", slot<number>(0))
    .where("orderGid", "=", slot<string>(1))
    .orderBy("id"),
);

export async function listRefunds(db: Db, shopId: number, orderGid: string): Promise<RefundFact[]> {
  const { rows } = await listRefundsQuery(db, [shopId, orderGid]);
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
