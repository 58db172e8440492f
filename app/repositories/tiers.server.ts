import { sql } from "kysely";
import type { Db } from "../db/database.server";
import type { TierMetric } from "../loyalty/program/rules-schema";
import type { MemberTierState, TierChange } from "../loyalty/tiers/tier-evaluation";

export type MemberTierRow = MemberTierState & {
  readonly customerRowId: number;
  readonly customerKey: string;
  readonly enrolledAt: Date | null;
};

export async function findMemberTier(db: Db, customerRowId: number): Promise<MemberTierRow | null> {
  const row = await db
    .selectFrom("Customer")
    .select(["id", "customerGid", "enrolledAt", "tierId", "tierSince", "tierBelowSince"])
    .where("id", "=", customerRowId)
    .executeTakeFirst();
  if (!row) return null;
  return { customerRowId: row.id, customerKey: row.customerGid, enrolledAt: row.enrolledAt, tierId: row.tierId, since: row.tierSince, belowSince: row.tierBelowSince };
}

/**
 * A member's tier value from the rows it is a projection of: spend and order count from the
 * qualifying orders placed in the window, points from the earn and reversal journals of
 * their orders dated in it. `from` null: lifetime.
 */
export async function tierMetricFromRows(db: Db, shopId: number, customerRowId: number, metric: TierMetric, from: Date | null, to: Date): Promise<number> {
  if (metric === "points") {
    let query = db
      .selectFrom("LedgerLine as l")
      .innerJoin("LedgerJournal as j", "j.id", "l.journalId")
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("l.points"), sql<number>`0`).as("value"))
      .where("l.shopId", "=", shopId)
      .where("l.customerId", "=", customerRowId)
      .where("l.account", "in", ["member.available", "member.pending"])
      .where("j.kind", "in", ["earn", "reversal"])
      .where("j.occurredAt", "<=", to);
    if (from) query = query.where("j.occurredAt", ">=", from);
    return Math.max(0, Number((await query.executeTakeFirstOrThrow()).value));
  }
  let query = db
    .selectFrom("Order")
    .select((eb) => [eb.fn.countAll<number>().as("orders"), eb.fn.coalesce(eb.fn.sum<number>("netSpendMinor"), sql<number>`0`).as("spend")])
    .where("shopId", "=", shopId)
    .where("customerId", "=", customerRowId)
    .where("qualifies", "=", true)
    .where((eb) => eb(eb.fn.coalesce("processedAt", "shopifyCreatedAt"), "<=", to));
  if (from) query = query.where((eb) => eb(eb.fn.coalesce("processedAt", "shopifyCreatedAt"), ">=", from));
  const row = await query.executeTakeFirstOrThrow();
  return Number(metric === "orders" ? row.orders : row.spend);
}

export async function saveMemberTierState(db: Db, customerRowId: number, state: MemberTierState, syncRequested: boolean, now: Date): Promise<void> {
  await db
    .updateTable("Customer")
    .set({
      tierId: state.tierId,
      tierSince: state.since,
      tierBelowSince: state.belowSince,
      ...(syncRequested ? { syncRequestedAt: now } : {}),
      updatedAt: now,
    })
    .where("id", "=", customerRowId)
    .execute();
}

export async function insertTierEvent(
  db: Db,
  shopId: number,
  customerRowId: number,
  change: TierChange,
  details: { readonly description: string; readonly programVersion: number | null; readonly actor: string },
  now: Date,
): Promise<void> {
  await db
    .insertInto("TierEvent")
    .values({
      shopId,
      customerId: customerRowId,
      fromTierId: change.from,
      toTierId: change.to,
      direction: change.direction,
      reason: JSON.stringify(change.reason),
      description: details.description,
      programVersion: details.programVersion,
      occurredAt: change.at,
      actor: details.actor,
      createdAt: now,
    })
    .execute();
}

/** Tiers the member has ever reached (entry bonuses are once per tier). */
export async function reachedTierIds(db: Db, customerRowId: number): Promise<Set<string>> {
  const rows = await db.selectFrom("TierEvent").select("toTierId").where("customerId", "=", customerRowId).where("direction", "=", "up").execute();
  return new Set(rows.flatMap((row) => (row.toTierId ? [row.toTierId] : [])));
}

export type TierEventRow = {
  readonly id: number;
  readonly fromTierId: string | null;
  readonly toTierId: string | null;
  readonly direction: string;
  readonly description: string;
  readonly occurredAt: Date;
  readonly actor: string;
};

export async function listTierEvents(db: Db, customerRowId: number, limit = 50): Promise<TierEventRow[]> {
  return db
    .selectFrom("TierEvent")
    .select(["id", "fromTierId", "toTierId", "direction", "description", "occurredAt", "actor"])
    .where("customerId", "=", customerRowId)
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}
