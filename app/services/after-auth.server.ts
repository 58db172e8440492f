import type { Session } from "@shopify/shopify-api";
import type { AppDatabase } from "../db/database.server";
import { fetchShopDetails, type AdminGraphql } from "../shopify/admin/shop-details.server";
import { findShop, isInstalled } from "../repositories/shops.server";
import { installShop } from "./install-shop.server";

/**
 * Shopify's afterAuth hook: runs once per installation (token exchange). Reads the shop's
 * currency and time zone from the Admin API, then records the installation. In the
 * sandbox, test orders count and the program starts where the demo history does.
 */
export async function afterShopAuthorised(
  database: AppDatabase,
  input: {
    session: Session;
    admin: AdminGraphql;
    now: Date;
    /** Set when the shop is the sandbox's simulated store. */
    sandbox: { programStart: Date } | null;
  },
) {
  const details = await fetchShopDetails(input.admin);
  return installShop(
    database,
    {
      domain: input.session.shop,
      name: details.name,
      currencyCode: details.currencyCode,
      ianaTimezone: details.ianaTimezone,
      scopes: input.session.scope ?? null,
      countTestOrders: input.sandbox !== null,
    },
    { now: input.now, programStart: input.sandbox?.programStart },
  );
}

/**
 * For admin loaders that run concurrently with the one whose token exchange installs the
 * shop: records the installation if it has not landed yet (installShop is idempotent).
 */
export async function ensureShopRecorded(
  database: AppDatabase,
  input: { session: Session; admin: AdminGraphql; sandbox: { programStart: Date } | null },
): Promise<void> {
  if (isInstalled(await findShop(database.db, input.session.shop))) return;
  await afterShopAuthorised(database, { ...input, now: new Date() });
}
