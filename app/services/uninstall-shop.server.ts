import type { AppDatabase } from "../db/database.server";
import { inTransaction } from "../db/transaction.server";
import { findShop, markShopUninstalled, updateShopScopes } from "../repositories/shops.server";

/**
 * app/uninstalled: the shop's sessions are removed (the tokens are dead) and the shop is
 * marked uninstalled; its loyalty data stays until shop/redact (48 hours later), so a
 * merchant who reinstalls finds their members' points intact.
 */
export async function uninstallShop(database: AppDatabase, shopDomain: string, now: Date): Promise<void> {
  await inTransaction(database, async (tx) => {
    await tx.deleteFrom("Session").where("shop", "=", shopDomain).execute();
    await markShopUninstalled(tx, shopDomain, now);
  });
}

/** app/scopes_update: the scopes the merchant granted, on the shop and its offline session. */
export async function updateScopes(database: AppDatabase, shopDomain: string, scopes: readonly string[], now: Date): Promise<boolean> {
  return inTransaction(database, async (tx) => {
    if (!(await findShop(tx, shopDomain))) return false;
    const scope = [...scopes].sort().join(",");
    await updateShopScopes(tx, shopDomain, scope, now);
    await tx.updateTable("Session").set({ scope }).where("shop", "=", shopDomain).where("isOnline", "=", false).execute();
    return true;
  });
}
