import type { Db } from "../db/database.server";

export const MEMBER_EVENT_KINDS = ["welcome", "points_earned", "reward_unlocked", "points_expiring", "tier_reached"] as const;
export type MemberEventKind = (typeof MEMBER_EVENT_KINDS)[number];

/**
 * Records something to tell a member, once per domain key: a replayed job or webhook finds
 * the key taken and records nothing. Returns whether it was new.
 */
export async function recordMemberEvent(
  db: Db,
  shopId: number,
  event: { readonly customerRowId: number; readonly key: string; readonly kind: MemberEventKind; readonly payload: Record<string, unknown>; readonly occurredAt: Date },
  now: Date,
): Promise<boolean> {
  const inserted = await db
    .insertInto("MemberEvent")
    .values({ shopId, customerId: event.customerRowId, key: event.key, kind: event.kind, payload: JSON.stringify(event.payload), occurredAt: event.occurredAt, createdAt: now })
    .onConflict((conflict) => conflict.columns(["shopId", "key"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function listMemberEvents(db: Db, customerRowId: number, limit = 50) {
  return db
    .selectFrom("MemberEvent")
    .select(["id", "key", "kind", "payload", "occurredAt", "deliveredAt"])
    .where("customerId", "=", customerRowId)
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}
