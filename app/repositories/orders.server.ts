import { sql } from "kysely";
import { z } from "zod";
import type { DatabaseKind, Db } from "../db/database.server";
import { prepared, slot } from "../db/prepared.server";
import type { CustomerOrderBasis } from "../loyalty/earning/customer-orders";
import type { OrderEarning } from "../loyalty/earning/order-points";
import type { OrderSnapshot, RefundFact, RefundLine, SnapshotVersion } from "../loyalty/orders/order-state";

/**
 * Serialises work on one order across concurrent transactions. PostgreSQL: a transaction-
 * scoped advisory lock on (shop, order), taken first, so an order payload and its refund
 * arriving together are applied one after the other. SQLite: write transactions are
 * already serialised (BEGIN IMMEDIATE on one connection).
 */
export async function lockOrder(db: Db, kind: DatabaseKind, shopId: number, orderGid: string): Promise<void> {
  if (kind === "postgres") await sql`SELECT pg_advisory_xact_lock(${shopId}, hashtext(${orderGid}))`.execute(db);
}

/**
 * Serialises work on one customer's orders (rules that span them: caps, every Nth order,
 * tiers). Always taken after the order lock, never before, so two transactions cannot wait
 * on each other. The second key space (negative) keeps it apart from order locks.
 */
export async function lockCustomer(db: Db, kind: DatabaseKind, shopId: number, customerRowId: number): Promise<void> {
  if (kind === "postgres") await sql`SELECT pg_advisory_xact_lock(${-shopId}, ${customerRowId})`.execute(db);
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
const LineTagsSchema = z.record(z.string(), z.array(z.string()));

/** What the order earns on its own, as stored beside the snapshot. */
export type StoredEarning = Pick<OrderEarning, "programVersion" | "qualifies" | "netSpendMinor" | "eligibleMinor" | "spendPoints" | "orderPoints">;

export type StoredOrder = {
  readonly id: number;
  readonly customerRowId: number | null;
  readonly snapshot: OrderSnapshot;
  readonly version: SnapshotVersion;
  readonly paidAt: Date | null;
  readonly multiplierPercent: number | null;
  readonly lineTags: ReadonlyMap<string, readonly string[]>;
  readonly earning: StoredEarning;
  readonly points: number;
};

const findOrderQuery = prepared((db) =>
  db
    .selectFrom("Order as o")
    .leftJoin("Customer as c", "c.id", "o.customerId")
    .select([
      "o.id", "o.orderGid", "o.name", "o.test", "o.financialStatus", "o.cancelledAt", "o.shopifyCreatedAt", "o.processedAt",
      "o.shopifyUpdatedAt", "o.currency", "o.subtotalMinor", "o.totalMinor", "o.discountsMinor", "o.shippingMinor", "o.taxMinor",
      "o.taxesIncluded", "o.includedRefundGids", "o.lineItems", "o.discountCodes", "o.sourceName", "o.customerId", "o.snapshotRank",
      "o.lineTags", "o.paidAt", "o.multiplierPercent", "o.programVersion", "o.qualifies", "o.netSpendMinor", "o.eligibleMinor",
      "o.spendPoints", "o.orderPoints", "o.points", "c.customerGid",
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
    paidAt: row.paidAt,
    multiplierPercent: row.multiplierPercent,
    lineTags: new Map(Object.entries(LineTagsSchema.parse(JSON.parse(row.lineTags)))),
    earning: {
      programVersion: row.programVersion,
      qualifies: row.qualifies,
      netSpendMinor: row.netSpendMinor,
      eligibleMinor: row.eligibleMinor,
      spendPoints: row.spendPoints,
      orderPoints: row.orderPoints,
    },
    points: row.points,
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
      shippingMinor: row.shippingMinor,
      taxMinor: row.taxMinor,
      taxesIncluded: row.taxesIncluded,
      includedRefundIds: StringList.parse(JSON.parse(row.includedRefundGids)),
      lines: z.array(LineSchema).parse(JSON.parse(row.lineItems)),
      discountCodes: StringList.parse(JSON.parse(row.discountCodes)),
      sourceName: row.sourceName,
    },
  };
}

/** Everything written about an order after an event, beyond its snapshot. */
export type OrderAccounting = {
  readonly customerRowId: number | null;
  readonly paidAt: Date | null;
  readonly multiplierPercent: number | null;
  readonly lineTags: ReadonlyMap<string, readonly string[]>;
  readonly earning: StoredEarning;
  /** The order's points after rules spanning the customer's orders. */
  readonly points: number;
  readonly pendingUntil: Date | null;
};

const accountingArgs = (accounting: OrderAccounting) => [
  accounting.customerRowId, JSON.stringify(Object.fromEntries(accounting.lineTags)), accounting.paidAt, accounting.multiplierPercent,
  accounting.earning.programVersion, accounting.earning.qualifies, accounting.earning.netSpendMinor, accounting.earning.eligibleMinor,
  accounting.earning.spendPoints, accounting.earning.orderPoints, accounting.points, accounting.pendingUntil,
];
/** Arguments 0-11 of the queries below. */
const ACCOUNTING_COLUMNS = {
  customerId: slot<number | null>(0),
  lineTags: slot<string>(1),
  paidAt: slot<Date | null>(2),
  multiplierPercent: slot<number | null>(3),
  programVersion: slot<number | null>(4),
  qualifies: slot<boolean>(5),
  netSpendMinor: slot<number>(6),
  eligibleMinor: slot<number>(7),
  spendPoints: slot<number>(8),
  orderPoints: slot<number>(9),
  points: slot<number>(10),
  pendingUntil: slot<Date | null>(11),
};

const snapshotArgs = (snapshot: OrderSnapshot, rank: string, giftCardMinor: number) => [
  snapshot.name, snapshot.test, snapshot.financialStatus, snapshot.cancelledAt, snapshot.createdAt, snapshot.processedAt,
  snapshot.updatedAt, rank, snapshot.currency, snapshot.subtotalMinor, snapshot.totalMinor, snapshot.discountsMinor,
  snapshot.shippingMinor, snapshot.taxMinor, snapshot.taxesIncluded, giftCardMinor, JSON.stringify(snapshot.includedRefundIds),
  JSON.stringify(snapshot.lines), JSON.stringify(snapshot.discountCodes), snapshot.sourceName,
];
/** Arguments 12-31 of the queries below; 32 is updatedAt. */
const SNAPSHOT_COLUMNS = {
  name: slot<string | null>(12),
  test: slot<boolean>(13),
  financialStatus: slot<string | null>(14),
  cancelledAt: slot<Date | null>(15),
  shopifyCreatedAt: slot<Date>(16),
  processedAt: slot<Date | null>(17),
  shopifyUpdatedAt: slot<Date>(18),
  snapshotRank: slot<string>(19),
  currency: slot<string>(20),
  subtotalMinor: slot<number>(21),
  totalMinor: slot<number>(22),
  discountsMinor: slot<number>(23),
  shippingMinor: slot<number>(24),
  taxMinor: slot<number>(25),
  taxesIncluded: slot<boolean>(26),
  giftCardMinor: slot<number>(27),
  includedRefundGids: slot<string>(28),
  lineItems: slot<string>(29),
  discountCodes: slot<string>(30),
  sourceName: slot<string | null>(31),
};

const insertOrderQuery = prepared((db) =>
  db
    .insertInto("Order")
    .values({ ...ACCOUNTING_COLUMNS, ...SNAPSHOT_COLUMNS, updatedAt: slot<Date>(32), createdAt: slot<Date>(32), shopId: slot<number>(33), orderGid: slot<string>(34) })
    .returning("id"),
);
const updateOrderQuery = prepared((db) =>
  db.updateTable("Order").set({ ...ACCOUNTING_COLUMNS, ...SNAPSHOT_COLUMNS, updatedAt: slot<Date>(32) }).where("id", "=", slot<number>(33)),
);
const updateAccountingQuery = prepared((db) =>
  db.updateTable("Order").set({ ...ACCOUNTING_COLUMNS, updatedAt: slot<Date>(12) }).where("id", "=", slot<number>(13)),
);

/**
 * Writes an order's row after an event in one statement: the new snapshot when it
 * superseded the stored one, and always what the order earns and holds. Returns the row id.
 */
export async function saveOrder(
  db: Db,
  shopId: number,
  existingId: number | null,
  snapshot: { readonly snapshot: OrderSnapshot; readonly rank: string; readonly giftCardMinor: number } | null,
  accounting: OrderAccounting,
  now: Date,
): Promise<number> {
  const accountingValues = accountingArgs(accounting);
  if (!snapshot) {
    if (existingId === null) throw new Error("an order is first stored with its snapshot");
    await updateAccountingQuery(db, [...accountingValues, now, existingId]);
    return existingId;
  }
  const values = [...accountingValues, ...snapshotArgs(snapshot.snapshot, snapshot.rank, snapshot.giftCardMinor), now];
  if (existingId !== null) {
    await updateOrderQuery(db, [...values, existingId]);
    return existingId;
  }
  const [inserted] = (await insertOrderQuery(db, [...values, shopId, snapshot.snapshot.orderId])).rows;
  if (!inserted) throw new Error(`order ${snapshot.snapshot.orderId} was not inserted`);
  return inserted.id;
}

const setOrderPointsQuery = prepared((db) =>
  db
    .updateTable("Order")
    .set({ points: slot<number>(0), pendingUntil: slot<Date | null>(1), updatedAt: slot<Date>(2) })
    .where("shopId", "=", slot<number>(3))
    .where("orderGid", "=", slot<string>(4)),
);

/** A sibling order's new figure after rules spanning the customer's orders moved. */
export async function setOrderPoints(db: Db, shopId: number, orderGid: string, points: number, pendingUntil: Date | null, now: Date): Promise<void> {
  await setOrderPointsQuery(db, [points, pendingUntil, now, shopId, orderGid]);
}

export type CustomerOrder = CustomerOrderBasis & { readonly paidAt: Date | null; readonly points: number };

const customerOrdersQuery = prepared((db) =>
  db
    .selectFrom("Order")
    .select(["orderGid", "processedAt", "shopifyCreatedAt", "programVersion", "qualifies", "spendPoints", "orderPoints", "paidAt", "points"])
    .where("shopId", "=", slot<number>(0))
    .where("customerId", "=", slot<number>(1)),
);

/** Every order of a customer, as rules spanning them need it. */
export async function listCustomerOrders(db: Db, shopId: number, customerRowId: number): Promise<CustomerOrder[]> {
  const { rows } = await customerOrdersQuery(db, [shopId, customerRowId]);
  return rows.map((row) => ({
    orderId: row.orderGid,
    processedAt: row.processedAt ?? row.shopifyCreatedAt,
    programVersion: row.programVersion,
    qualifies: row.qualifies,
    spendPoints: row.spendPoints,
    orderPoints: row.orderPoints,
    paidAt: row.paidAt,
    points: row.points,
  }));
}

const RefundLinesSchema = z.array(z.object({ lineItemId: z.string(), quantity: z.number().int(), subtotalMinor: z.number().int(), giftCard: z.boolean() }));

const listRefundsQuery = prepared((db) =>
  db
    .selectFrom("OrderRefund")
    .select(["refundGid", "orderGid", "processedAt", "currency", "lineSubtotalMinor", "giftCardMinor", "lineItems"])
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
    // Unreadable lines (never written so by Wafa) fall back to the refund's totals rather than fail every delivery of the order.
    ...readRefundLines(row.lineItems),
  }));
}

function readRefundLines(text: string): { lineItems?: RefundLine[] } {
  try {
    const parsed = RefundLinesSchema.safeParse(JSON.parse(text));
    return parsed.success ? { lineItems: parsed.data } : {};
  } catch {
    return {};
  }
}

/** Takes a stored refund out of the order's book (it is parked as a dead letter by the caller). */
export async function deleteRefund(db: Db, shopId: number, refundGid: string): Promise<void> {
  await db.deleteFrom("OrderRefund").where("shopId", "=", shopId).where("refundGid", "=", refundGid).execute();
}

export type RefundRecord = RefundFact & { readonly lineItems: readonly RefundLine[] };

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

const duePendingQuery = prepared((db) =>
  db
    .selectFrom("Order")
    .select(["id", "orderGid"])
    .where("shopId", "=", slot<number>(0))
    .where("pendingUntil", "<=", slot<Date>(1))
    .where("id", ">", slot<number>(2))
    .orderBy("id")
    .limit(slot<number>(3)),
);

/** Orders whose pending points have matured, in id order after `afterId` (the release sweep). */
export async function listOrdersDueForRelease(db: Db, shopId: number, now: Date, afterId: number, limit: number): Promise<Array<{ id: number; orderGid: string }>> {
  return (await duePendingQuery(db, [shopId, now, afterId, limit])).rows;
}
