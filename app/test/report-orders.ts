// Test support for the reports: a metrics-core shop (metric-fixtures.ts `Shop`) written as
// stored Customer and Order rows, the way the webhook path leaves them, with the storage
// variations the fast path must see through (no processed_at, tax-inclusive prices).
import type { AppDatabase } from "../db/database.server";
import type { Shop } from "../loyalty/metrics/metric-fixtures";

const CHUNK = 200;

/** Writes the shop's customers and orders; answers each customer fact's row id. */
export async function insertReportShop(database: AppDatabase, shopId: number, shop: Shop, now = new Date("2027-01-01T00:00:00Z")): Promise<Map<string, number>> {
  const rowIds = new Map<string, number>();
  const customerIds = new Set([...shop.customers.map((c) => c.customerId), ...shop.orders.flatMap((o) => (o.customerId ? [o.customerId] : []))]);
  for (const customerId of customerIds) {
    const enrolledAt = shop.customers.find((c) => c.customerId === customerId)?.enrolledAt ?? null;
    const row = await database.db
      .insertInto("Customer")
      .values({ shopId, customerGid: `gid://shopify/Customer/${customerId}`, enrolledAt, createdAt: now, updatedAt: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    rowIds.set(customerId, row.id);
  }
  const rows = shop.orders.map((order, index) => {
    // Every third order has no processed_at (created_at dates it); every fourth is tax-inclusive.
    const withoutProcessedAt = index % 3 === 2;
    const taxInclusive = index % 4 === 1;
    const tax = taxInclusive ? 7 + (index % 11) : 0;
    return {
      shopId,
      orderGid: `gid://shopify/Order/${order.orderId}`,
      customerId: order.customerId === null ? null : (rowIds.get(order.customerId) ?? null),
      test: order.test,
      cancelledAt: order.cancelled ? order.placedAt : null,
      shopifyCreatedAt: withoutProcessedAt ? order.placedAt : new Date(order.placedAt.getTime() - 60_000),
      processedAt: withoutProcessedAt ? null : order.placedAt,
      shopifyUpdatedAt: order.placedAt,
      snapshotRank: "0",
      currency: "USD",
      subtotalMinor: order.netSalesMinor + tax,
      totalMinor: order.netSalesMinor + tax,
      discountsMinor: 0,
      taxMinor: tax,
      taxesIncluded: taxInclusive,
      giftCardMinor: 0,
      netSpendMinor: order.netSalesMinor + tax,
      includedRefundGids: "[]",
      lineItems: "[]",
      discountCodes: "[]",
      createdAt: now,
      updatedAt: now,
    };
  });
  for (let start = 0; start < rows.length; start += CHUNK) {
    await database.db.insertInto("Order").values(rows.slice(start, start + CHUNK)).execute();
  }
  return rowIds;
}
