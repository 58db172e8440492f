import type { AppDatabase } from "../db/database.server";
import { latestHistoryImport, type HistoryImportRow } from "../repositories/history-import.server";
import { findShop, isInstalled } from "../repositories/shops.server";

export type HistoryImportView = {
  readonly phase: HistoryImportRow["phase"];
  readonly status: HistoryImportRow["status"];
  /** 0-100: the customers' file is the first half, the orders' the second. */
  readonly percent: number;
  readonly customersImported: number;
  readonly ordersImported: number;
  readonly skippedLines: number;
  readonly error: string | null;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly grantedAt: string | null;
  readonly grantedPoints: number;
  /** What is happening now, in the merchant's words (never a count of a step not begun). */
  readonly progress: string;
};

const count = (value: number, one: string, many: string) => `${value.toLocaleString("en")} ${value === 1 ? one : many}`;

/**
 * The import's state as a sentence: which of the two steps (customers, then orders) is under
 * way, whether Shopify is still preparing its export or Wafa is reading it, and only the
 * counts of steps that have begun. (Before, "0 customers and 897 orders" read as if the
 * customers had been lost while their step had simply not been counted yet.)
 */
export function importProgress(row: Pick<HistoryImportRow, "phase" | "status" | "customersImported" | "ordersImported" | "skippedLines">): string {
  const customers = count(row.customersImported, "customer", "customers");
  const orders = count(row.ordersImported, "order", "orders");
  const skipped = row.skippedLines > 0 ? ` ${count(row.skippedLines, "line", "lines")} of the export could not be read (skipped).` : "";
  if (row.status === "completed") return `Finished: ${customers} and ${orders} imported.${skipped}`;
  const step = row.phase === "customers" ? "Step 1 of 2, customers" : "Step 2 of 2, orders";
  if (row.status === "failed") return `Stopped at ${step.toLowerCase()}: ${customers}${row.phase === "customers" ? "" : ` and ${orders}`} had been imported.${skipped}`;
  if (row.phase === "customers") {
    return row.status === "running"
      ? `${step}: Shopify is preparing the export of your customers; nothing has been imported yet.`
      : `${step}: importing your customers, ${row.customersImported.toLocaleString("en")} so far. Orders come next.${skipped}`;
  }
  return row.status === "running"
    ? `${step}: ${customers} imported. Shopify is preparing the export of your orders.${skipped}`
    : `${step}: ${customers} imported; importing your orders, ${row.ordersImported.toLocaleString("en")} so far.${skipped}`;
}

/** The admin page's view of the shop's latest import (null: none yet, or not installed). */
export async function historyImportStatus(database: AppDatabase, shopDomain: string): Promise<HistoryImportView | null> {
  const shop = await findShop(database.db, shopDomain);
  if (!isInstalled(shop)) return null;
  const row = await latestHistoryImport(database.db, shop.id);
  if (!row) return null;
  const fileShare = row.status === "downloading" && row.fileSize > 0 ? Math.min(1, row.bytesDone / row.fileSize) : 0;
  const phaseBase = row.phase === "customers" ? 0 : row.phase === "orders" ? 50 : 100;
  return {
    phase: row.phase,
    status: row.status,
    percent: row.status === "completed" ? 100 : Math.floor(phaseBase + fileShare * 50),
    customersImported: row.customersImported,
    ordersImported: row.ordersImported,
    skippedLines: row.skippedLines,
    error: row.error,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    grantedAt: row.grantedAt?.toISOString() ?? null,
    grantedPoints: row.grantedPoints,
    progress: importProgress(row),
  };
}
