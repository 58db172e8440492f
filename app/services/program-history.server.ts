import type { AppDatabase } from "../db/database.server";
import { formatMoney } from "../loyalty/money/display";
import type { AmountFormatter } from "../loyalty/program/presets";
import { diffPrograms, type ProgramChange } from "../loyalty/program/program-diff";
import { listProgramVersionRecords } from "../repositories/program-versions.server";
import { findShop, isInstalled } from "../repositories/shops.server";

const shopFormatter = (currency: string): AmountFormatter => (minor) => formatMoney(minor, currency);

export type ProgramHistoryEntry = {
  readonly version: number;
  readonly effectiveAt: Date;
  readonly createdAt: Date;
  /** The staff member's name, "Wafa" for versions the app made (install), or null when unknown. */
  readonly madeBy: string | null;
  /** Against the previous version; the first version lists nothing (there is nothing before it). */
  readonly changes: readonly ProgramChange[];
  readonly first: boolean;
};

/**
 * Every version of a shop's program, newest first, each with who saved it and what changed
 * since the one before, in the merchant's words. Amounts read as every admin page shows
 * money ("$12.50", app/loyalty/money/display.ts).
 */
export async function programHistory(
  database: AppDatabase,
  shopDomain: string,
  formatterFor: (currency: string) => AmountFormatter = shopFormatter,
): Promise<ProgramHistoryEntry[] | null> {
  const shop = await findShop(database.db, shopDomain);
  if (!isInstalled(shop)) return null;
  const format = formatterFor(shop.currencyCode);
  const records = await listProgramVersionRecords(database.db, shop.id);
  return records.map((record, index) => {
    const previous = records[index + 1];
    return {
      version: record.version,
      effectiveAt: record.effectiveAt,
      createdAt: record.createdAt,
      madeBy: record.createdByName ?? (record.createdBy?.startsWith("system:") ? "Wafa" : null),
      changes: previous ? diffPrograms(previous.rules, record.rules, format) : [],
      first: previous === undefined,
    };
  });
}
