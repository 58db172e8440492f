import type { Db } from "../db/database.server";
import { prepared, slot } from "../db/prepared.server";
import type { ShopSettings } from "../loyalty/settings/shop-settings";

export type ShopRecord = {
  readonly id: number;
  readonly domain: string;
  readonly name: string | null;
  readonly currencyCode: string;
  readonly ianaTimezone: string | null;
  readonly countTestOrders: boolean;
  readonly installedAt: Date | null;
  readonly uninstalledAt: Date | null;
  readonly onboardedAt: Date | null;
  readonly launchedAt: Date | null;
};

const SHOP_COLUMNS = ["id", "domain", "name", "currencyCode", "ianaTimezone", "countTestOrders", "installedAt", "uninstalledAt", "onboardedAt", "launchedAt"] as const;

export function isInstalled(shop: ShopRecord | null): shop is ShopRecord {
  return shop !== null && shop.installedAt !== null && shop.uninstalledAt === null;
}

const findShopQuery = prepared((db) => db.selectFrom("Shop").select(SHOP_COLUMNS).where("domain", "=", slot<string>(0)));

export async function findShop(db: Db, domain: string): Promise<ShopRecord | null> {
  return (await findShopQuery(db, [domain])).rows[0] ?? null;
}

export type InstalledShopFacts = {
  readonly domain: string;
  readonly name: string | null;
  readonly currencyCode: string;
  readonly ianaTimezone: string | null;
  readonly scopes: string | null;
  /** Applied only when the shop is new: a reinstall keeps the merchant's setting. */
  readonly countTestOrders: boolean;
};

/** Records an installation (or reinstallation); the shop's data from before is kept. */
export async function saveInstalledShop(db: Db, facts: InstalledShopFacts, now: Date): Promise<ShopRecord> {
  return db
    .insertInto("Shop")
    .values({ ...facts, installedAt: now, uninstalledAt: null, createdAt: now, updatedAt: now })
    .onConflict((conflict) =>
      conflict.column("domain").doUpdateSet((excluded) => ({
        name: excluded.ref("excluded.name"),
        currencyCode: excluded.ref("excluded.currencyCode"),
        ianaTimezone: excluded.ref("excluded.ianaTimezone"),
        scopes: excluded.ref("excluded.scopes"),
        installedAt: now,
        uninstalledAt: null,
        updatedAt: now,
      })),
    )
    .returning(SHOP_COLUMNS)
    .executeTakeFirstOrThrow();
}

/**
 * Shops whose scheduled work is due: installed and not uninstalled (as `isInstalled`).
 * Ids only, in a stable order, so a fan-out is cheap.
 */
export async function installedShopIds(db: Db): Promise<number[]> {
  const rows = await db.selectFrom("Shop").select("id").where("installedAt", "is not", null).where("uninstalledAt", "is", null).orderBy("id").execute();
  return rows.map((row) => row.id);
}

export async function markShopUninstalled(db: Db, domain: string, now: Date): Promise<void> {
  await db.updateTable("Shop").set({ uninstalledAt: now, updatedAt: now }).where("domain", "=", domain).execute();
}

export async function updateShopScopes(db: Db, domain: string, scopes: string, now: Date): Promise<void> {
  await db.updateTable("Shop").set({ scopes, updatedAt: now }).where("domain", "=", domain).execute();
}

export async function readShopSettingsJson(db: Db, shopId: number): Promise<unknown> {
  const row = await db.selectFrom("Shop").select("settings").where("id", "=", shopId).executeTakeFirstOrThrow();
  return JSON.parse(row.settings) as unknown;
}

export async function saveShopSettings(db: Db, shopId: number, settings: ShopSettings, countTestOrders: boolean, now: Date): Promise<void> {
  await db.updateTable("Shop").set({ settings: JSON.stringify(settings), countTestOrders, updatedAt: now }).where("id", "=", shopId).execute();
}

/** The first-run wizard was completed (kept the first time only). */
export async function markShopOnboarded(db: Db, shopId: number, now: Date): Promise<void> {
  await db.updateTable("Shop").set({ onboardedAt: now, updatedAt: now }).where("id", "=", shopId).where("onboardedAt", "is", null).execute();
}

/** The program goes live for shoppers (null: hidden again). */
export async function setShopLaunched(db: Db, shopId: number, launchedAt: Date | null, now: Date): Promise<void> {
  await db.updateTable("Shop").set({ launchedAt, updatedAt: now }).where("id", "=", shopId).execute();
}

export async function setCountTestOrders(db: Db, shopId: number, countTestOrders: boolean, now: Date): Promise<void> {
  await db.updateTable("Shop").set({ countTestOrders, updatedAt: now }).where("id", "=", shopId).execute();
}

/** Every row of one shop, in foreign-key order (shop/redact). */
export async function deleteShopRows(db: Db, shop: { id: number; domain: string }): Promise<void> {
  await db.deleteFrom("MemberEvent").where("shopId", "=", shop.id).execute();
  await db.deleteFrom("TierEvent").where("shopId", "=", shop.id).execute();
  await db.deleteFrom("Product").where("shopId", "=", shop.id).execute();
  await db.deleteFrom("LedgerLine").where("shopId", "=", shop.id).execute();
  await db.deleteFrom("LedgerJournal").where("shopId", "=", shop.id).execute();
  await db.deleteFrom("OrderRefund").where("shopId", "=", shop.id).execute();
  await db.deleteFrom("Order").where("shopId", "=", shop.id).execute();
  await db.deleteFrom("CustomerDataExport").where("shopId", "=", shop.id).execute();
  await db.deleteFrom("Customer").where("shopId", "=", shop.id).execute();
  await db.deleteFrom("ProgramVersion").where("shopId", "=", shop.id).execute();
  await db.deleteFrom("DeadLetter").where("shopDomain", "=", shop.domain).execute();
  await db.deleteFrom("Session").where("shop", "=", shop.domain).execute();
  await db.deleteFrom("Shop").where("id", "=", shop.id).execute();
}
