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
};

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
  };
}
