// Test support: a redemption's journals as short lines ("hold redeem member.available -100"):
// key suffix, kind, and the points each account moved, in the order they were written.
import type { AppDatabase } from "../db/database.server";

export async function redemptionJournals(database: AppDatabase, shopId: number, redemptionKey: string): Promise<string[]> {
  const rows = await database.db
    .selectFrom("LedgerJournal as j").innerJoin("LedgerLine as l", "l.journalId", "j.id")
    .select(["j.key", "j.kind", "l.account", "l.points"])
    .where("j.shopId", "=", shopId).where("j.key", "like", `redeem:${redemptionKey}:%`)
    .orderBy("j.id").orderBy("l.id")
    .execute();
  return rows.map((row) => `${row.key.slice(row.key.lastIndexOf(":") + 1)} ${row.kind} ${row.account} ${row.points}`);
}
