import { z } from "zod";
import type { AppDatabase } from "../db/database.server";
import { inTransaction } from "../db/transaction.server";
import type { ProgramIssue } from "../loyalty/program/program-checks";
import { readShopSettings, ShopSettingsSchema, type ShopSettings } from "../loyalty/settings/shop-settings";
import { findShop, isInstalled, readShopSettingsJson, saveShopSettings } from "../repositories/shops.server";

export type ShopSettingsView = {
  readonly settings: ShopSettings;
  /** Test orders earn points (on in the sandbox, off by default elsewhere). */
  readonly countTestOrders: boolean;
  readonly currencyCode: string;
  readonly launchedAt: Date | null;
};

export async function getShopSettings(database: AppDatabase, shopDomain: string): Promise<ShopSettingsView | null> {
  const shop = await findShop(database.db, shopDomain);
  if (!isInstalled(shop)) return null;
  const settings = readShopSettings(await readShopSettingsJson(database.db, shop.id));
  return { settings, countTestOrders: shop.countTestOrders, currencyCode: shop.currencyCode, launchedAt: shop.launchedAt };
}

/** A form sends the settings as one JSON field and the toggle as "true"/"false"; objects are taken as they are. */
const fromJson = (value: unknown) => {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
};
const fromFormBoolean = (value: unknown) => (value === "true" ? true : value === "false" ? false : value);

const SaveSettingsInputSchema = z
  .object({
    settings: z.preprocess(fromJson, ShopSettingsSchema),
    countTestOrders: z.preprocess(fromFormBoolean, z.boolean('Choose whether test orders earn points.')),
  })
  .strict();

export type SaveShopSettingsResult =
  | { readonly status: "shop_not_installed" }
  | { readonly status: "invalid"; readonly issues: readonly ProgramIssue[] }
  | { readonly status: "saved"; readonly settings: ShopSettings; readonly countTestOrders: boolean };

/**
 * The settings page saves: everything validated by the core's schema (contrast, languages,
 * lengths) before anything is written; then the settings and the test-order toggle in one
 * update. Settings change no points; the toggle applies to each order event from then on (an
 * order reported again later is reconciled under the setting of that moment).
 */
export async function saveShopSettingsFor(database: AppDatabase, shopDomain: string, input: unknown, now: Date): Promise<SaveShopSettingsResult> {
  const parsed = SaveSettingsInputSchema.safeParse(input);
  if (!parsed.success) return { status: "invalid", issues: parsed.error.issues.map(({ path, message }) => ({ path: path.map(String), message })) };
  const { settings, countTestOrders } = parsed.data;
  return inTransaction(database, async (tx) => {
    const shop = await findShop(tx, shopDomain);
    if (!isInstalled(shop)) return { status: "shop_not_installed" } as const;
    await saveShopSettings(tx, shop.id, settings, countTestOrders, now);
    return { status: "saved", settings, countTestOrders } as const;
  });
}
