import type { Db } from "../db/database.server";
import type { CustomerHistory } from "../loyalty/program/wizard";

/**
 * How each known customer bought between `since` and `until`: their paid, not cancelled
 * orders and the orders' current subtotals (after discounts, edits and refunds, the same
 * base points are earned on). Test orders only where the shop counts them. One row per
 * customer, aggregated in the database so a shop with years of orders stays cheap.
 */
export async function customerOrderHistory(
  db: Db,
  shopId: number,
  options: { since: Date; until: Date; includeTestOrders: boolean },
): Promise<CustomerHistory[]> {
  let query = db
    .selectFrom("Order")
    .select((eb) => [eb.fn.countAll<number | string>().as("orders"), eb.fn.sum<number | string>("subtotalMinor").as("spend")])
    .where("shopId", "=", shopId)
    .where("customerId", "is not", null)
    .where("paidAt", "is not", null)
    .where("cancelledAt", "is", null)
    .where("shopifyCreatedAt", ">=", options.since)
    .where("shopifyCreatedAt", "<", options.until)
    .groupBy("customerId");
  if (!options.includeTestOrders) query = query.where("test", "=", false);
  const rows = await query.execute();
  // PostgreSQL returns bigint aggregates as strings; both are exact integers here.
  return rows.map((row) => ({ orders: Number(row.orders), spendMinor: Number(row.spend) }));
}
