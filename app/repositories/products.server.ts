import { z } from "zod";
import type { Db } from "../db/database.server";

export type ProductFacts = {
  readonly productGid: string;
  readonly title: string | null;
  readonly tags: readonly string[];
  readonly shopifyUpdatedAt: Date;
};

const Tags = z.array(z.string());

/**
 * Keeps the newest description of a product (by Shopify's updated_at), so products/create
 * and products/update converge in any order. A deletion is kept as a tombstone: orders
 * already placed keep the tags they were seen with.
 */
export async function upsertProduct(db: Db, shopId: number, facts: ProductFacts, now: Date): Promise<void> {
  await db
    .insertInto("Product")
    .values({ shopId, productGid: facts.productGid, title: facts.title, tags: JSON.stringify(facts.tags), shopifyUpdatedAt: facts.shopifyUpdatedAt, createdAt: now, updatedAt: now })
    .onConflict((conflict) =>
      conflict
        .columns(["shopId", "productGid"])
        .doUpdateSet((excluded) => ({
          title: excluded.ref("excluded.title"),
          tags: excluded.ref("excluded.tags"),
          shopifyUpdatedAt: excluded.ref("excluded.shopifyUpdatedAt"),
          updatedAt: now,
        }))
        .where("Product.shopifyUpdatedAt", "<", facts.shopifyUpdatedAt),
    )
    .execute();
}

export async function markProductDeleted(db: Db, shopId: number, productGid: string, now: Date): Promise<void> {
  await db.updateTable("Product").set({ deletedAt: now, updatedAt: now }).where("shopId", "=", shopId).where("productGid", "=", productGid).execute();
}

/** Tags of the given products, by product GID (products never seen have none). */
export async function productTags(db: Db, shopId: number, productGids: readonly string[]): Promise<Map<string, string[]>> {
  if (productGids.length === 0) return new Map();
  const rows = await db.selectFrom("Product").select(["productGid", "tags"]).where("shopId", "=", shopId).where("productGid", "in", [...productGids]).execute();
  return new Map(rows.map((row) => [row.productGid, Tags.parse(JSON.parse(row.tags))]));
}
