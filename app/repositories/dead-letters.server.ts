import type { Db } from "../db/database.server";

export type DeadLetter = {
  readonly shopDomain: string;
  readonly topic: string;
  readonly webhookId: string | null;
  readonly reason: string;
  readonly payload: string;
};

/** A payload that parsed as JSON but broke our schema: kept with the reason, nothing else written. */
export async function insertDeadLetter(db: Db, letter: DeadLetter, now: Date): Promise<void> {
  await db.insertInto("DeadLetter").values({ ...letter, receivedAt: now }).execute();
}

export async function listDeadLetters(db: Db, shopDomain: string, limit = 50) {
  return db
    .selectFrom("DeadLetter")
    .select(["id", "topic", "webhookId", "reason", "receivedAt"])
    .where("shopDomain", "=", shopDomain)
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}
