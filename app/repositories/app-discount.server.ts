import type { Db } from "../db/database.server";
import { RewardSchema, type Reward } from "../loyalty/program/program";

/**
 * What the app remembers of the shop's automatic app discount (docs/decisions/0015): its id,
 * so the next run reads it directly instead of searching (Shopify's search index can lag
 * behind a discount created seconds ago, and a search that missed it would create another).
 */
export async function readAppDiscountId(db: Db, shopId: number): Promise<string | null> {
  const row = await db.selectFrom("Shop").select("appDiscountId").where("id", "=", shopId).executeTakeFirst();
  return row?.appDiscountId ?? null;
}

export async function saveAppDiscountId(db: Db, shopId: number, appDiscountId: string | null, now: Date): Promise<void> {
  await db.updateTable("Shop").set({ appDiscountId, updatedAt: now }).where("id", "=", shopId).execute();
}

/** The rewards as they were redeemed, of redemptions still open (their holds may still reach checkout). */
export async function openRedemptionRewards(db: Db, shopId: number): Promise<Reward[]> {
  const rows = await db
    .selectFrom("Redemption")
    .select("rewardSnapshot")
    .where("shopId", "=", shopId)
    .where("status", "in", ["requested", "reserved", "materialised"])
    .execute();
  return rows.map((row) => RewardSchema.parse(JSON.parse(row.rewardSnapshot)));
}
