// Test support: the ledger after test-bonus sweeps: every member granted exactly once per
// day, and the balance projection equal to the ledger.
import { expect } from "vitest";
import type { AppDatabase } from "../db/database.server";
import { expectProjectionMatchesLedger } from "../test/shops";
import { TEST_BONUS_POINTS, testBonusKey } from "./test-bonus-job.fixture";

export async function bonusKeys(database: AppDatabase, shopId: number): Promise<string[]> {
  const rows = await database.db.selectFrom("LedgerJournal").select("key").where("shopId", "=", shopId).where("kind", "=", "bonus").orderBy("key").execute();
  return rows.map((row) => row.key);
}

export async function expectGrantedOncePerDay(database: AppDatabase, shop: { id: number; domain: string }, members: readonly string[], days: readonly Date[]): Promise<void> {
  const expected = members.flatMap((gid) => days.map((day) => testBonusKey(gid, day))).sort();
  expect(await bonusKeys(database, shop.id)).toEqual(expected);
  const balances = await database.db
    .selectFrom("Customer")
    .select(["customerGid", "pointsAvailable", "pointsLifetime"])
    .where("shopId", "=", shop.id)
    .where("enrolledAt", "is not", null)
    .orderBy("customerGid")
    .execute();
  const each = TEST_BONUS_POINTS * days.length;
  expect(balances).toEqual([...members].sort().map((customerGid) => ({ customerGid, pointsAvailable: each, pointsLifetime: each })));
  await expectProjectionMatchesLedger(database, shop.domain);
}
