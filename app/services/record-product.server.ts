import type { AppDatabase } from "../db/database.server";
import { inTransaction } from "../db/transaction.server";
import { markProductDeleted, upsertProduct, type ProductFacts } from "../repositories/products.server";
import { findShop, isInstalled } from "../repositories/shops.server";

export type RecordProductResult = { readonly status: "shop_not_installed" } | { readonly status: "recorded" };

/**
 * products/create and products/update keep each product's newest tags (a program can leave
 * tagged products out of the points base). Orders freeze the tags their lines were first
 * seen with, so a later retag never rewrites points already earned.
 */
export async function recordProduct(database: AppDatabase, shopDomain: string, facts: ProductFacts, receivedAt: Date): Promise<RecordProductResult> {
  return inTransaction(database, async (tx) => {
    const shop = await findShop(tx, shopDomain);
    if (!isInstalled(shop)) return { status: "shop_not_installed" } as const;
    await upsertProduct(tx, shop.id, facts, receivedAt);
    return { status: "recorded" } as const;
  });
}

/** products/delete: a tombstone (orders placed before keep their lines' tags). */
export async function recordProductDeleted(database: AppDatabase, shopDomain: string, productGid: string, receivedAt: Date): Promise<RecordProductResult> {
  return inTransaction(database, async (tx) => {
    const shop = await findShop(tx, shopDomain);
    if (!isInstalled(shop)) return { status: "shop_not_installed" } as const;
    await markProductDeleted(tx, shop.id, productGid, receivedAt);
    return { status: "recorded" } as const;
  });
}
