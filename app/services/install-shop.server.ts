import type { AppDatabase } from "../db/database.server";
import { inTransaction } from "../db/transaction.server";
import { defaultProgramRules } from "../loyalty/program/program";
import { addProgramVersion, listProgramVersions } from "../repositories/program-versions.server";
import { saveInstalledShop, type InstalledShopFacts, type ShopRecord } from "../repositories/shops.server";

/**
 * After Shopify authorises the app (and on every reinstall): record the shop and, the first
 * time, start the default program. Orders processed from `programStart` on earn points.
 */
export async function installShop(
  database: AppDatabase,
  facts: InstalledShopFacts,
  options: { now: Date; programStart?: Date },
): Promise<ShopRecord> {
  return inTransaction(database, async (tx) => {
    const shop = await saveInstalledShop(tx, facts, options.now);
    if ((await listProgramVersions(tx, shop.id)).length === 0) {
      await addProgramVersion(
        tx,
        shop.id,
        { rules: defaultProgramRules(shop.currencyCode), effectiveAt: options.programStart ?? options.now, createdBy: "system:install" },
        options.now,
      );
    }
    return shop;
  });
}
