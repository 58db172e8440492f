import { sql } from "kysely";
import type { Db } from "../db/database.server";
import type { TierMetric } from "../loyalty/program/rules-schema";

/** A member's tier state today and their value under a proposed metric and window. */
export type MemberTierValue = {
  readonly customerRowId: number;
  readonly customerKey: string;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly tierId: string | null;
  readonly since: Date | null;
  readonly belowSince: Date | null;
  readonly value: number;
};

/**
 * Every member's tier value under `metric` over [from, to] (`from` null: lifetime), in one
 * aggregate query for the whole shop: the same rows and filters as tierMetricFromRows
 * (tiers.server.ts) — qualifying orders by processed (else created) date for spend and
 * orders, earn and reversal journals on the member's point accounts for points, floored at 0
 * — grouped by customer instead of read member by member. Members without activity in the
 * window have 0.
 */
export async function memberTierValues(db: Db, shopId: number, metric: TierMetric, from: Date | null, to: Date): Promise<MemberTierValue[]> {
  const values = metric === "points" ? pointsByCustomer(db, shopId, from, to) : ordersByCustomer(db, shopId, metric, from, to);
  const rows = await db
    .selectFrom("Customer as c")
    .leftJoin(values.as("v"), "v.customerId", "c.id")
    .select(["c.id", "c.customerGid", "c.firstName", "c.lastName", "c.tierId", "c.tierSince", "c.tierBelowSince", "v.value"])
    .where("c.shopId", "=", shopId)
    .where("c.enrolledAt", "is not", null)
    .orderBy("c.id")
    .execute();
  return rows.map((row) => ({
    customerRowId: row.id,
    customerKey: row.customerGid,
    firstName: row.firstName,
    lastName: row.lastName,
    tierId: row.tierId,
    since: row.tierSince,
    belowSince: row.tierBelowSince,
    value: Math.max(0, Number(row.value ?? 0)),
  }));
}

/** Every tier each member of the shop has reached (entry bonuses are once per tier), grouped once for the shop. */
export async function reachedTiersByMember(db: Db, shopId: number): Promise<Map<number, Set<string>>> {
  const rows = await db
    .selectFrom("TierEvent")
    .select(["customerId", "toTierId"])
    .distinct()
    .where("shopId", "=", shopId)
    .where("direction", "=", "up")
    .where("toTierId", "is not", null)
    .execute();
  const reached = new Map<number, Set<string>>();
  for (const row of rows) {
    if (row.toTierId === null) continue;
    const set = reached.get(row.customerId) ?? new Set<string>();
    set.add(row.toTierId);
    reached.set(row.customerId, set);
  }
  return reached;
}

function ordersByCustomer(db: Db, shopId: number, metric: "spend" | "orders", from: Date | null, to: Date) {
  let query = db
    .selectFrom("Order")
    .select((eb) => [
      "customerId",
      metric === "orders" ? eb.fn.countAll<number>().as("value") : eb.fn.coalesce(eb.fn.sum<number>("netSpendMinor"), sql<number>`0`).as("value"),
    ])
    .where("shopId", "=", shopId)
    .where("customerId", "is not", null)
    .where("qualifies", "=", true)
    .where((eb) => eb(eb.fn.coalesce("processedAt", "shopifyCreatedAt"), "<=", to))
    .groupBy("customerId");
  if (from) query = query.where((eb) => eb(eb.fn.coalesce("processedAt", "shopifyCreatedAt"), ">=", from));
  return query;
}

function pointsByCustomer(db: Db, shopId: number, from: Date | null, to: Date) {
  let query = db
    .selectFrom("LedgerLine as l")
    .innerJoin("LedgerJournal as j", "j.id", "l.journalId")
    .select((eb) => ["l.customerId", eb.fn.coalesce(eb.fn.sum<number>("l.points"), sql<number>`0`).as("value")])
    .where("l.shopId", "=", shopId)
    .where("l.customerId", "is not", null)
    .where("l.account", "in", ["member.available", "member.pending"])
    .where("j.kind", "in", ["earn", "reversal"])
    .where("j.occurredAt", "<=", to)
    .groupBy("l.customerId");
  if (from) query = query.where("j.occurredAt", ">=", from);
  return query;
}
