import type { AppDatabase } from "../db/database.server";
import { latestHistoryImport } from "../repositories/history-import.server";
import { findShop, isInstalled } from "../repositories/shops.server";
import { offlineAdminFor } from "../shopify/admin/offline-admin.server";
import { driveHistoryImports, startHistoryImport } from "./import-history.server";

const running = new Set<string>();

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Drives the shop's import in this process, without holding up the request that started it
 * (one runner per shop here; a second runner elsewhere is harmless: the checkpoint is moved
 * only by whoever applied the batch). A failure is left in the import's row for the page;
 * an interrupted run resumes from its checkpoint (the history-import job, or "Import").
 */
export function runHistoryImportInBackground(database: AppDatabase, shopDomain: string): void {
  if (running.has(shopDomain)) return;
  running.add(shopDomain);
  void (async () => {
    try {
      const shop = await findShop(database.db, shopDomain);
      if (!shop) return;
      await driveHistoryImports(database, shop.id, { admin: await offlineAdminFor(shopDomain), maxPolls: 10_000 });
    } catch (error) {
      console.warn(`history import for ${shopDomain} stopped: ${describe(error)}`);
    } finally {
      running.delete(shopDomain);
    }
  })();
}

/**
 * Called once the shop is installed (Shopify's afterAuth): the first import starts on its
 * own, in the background, so the reports have the shop's past from day one. Only once per
 * shop: a shop with any import (running, finished or failed) is left to the merchant's
 * "Import again". Never throws: an install must not fail because Shopify refused an export.
 */
export function startHistoryImportOnInstall(database: AppDatabase, shopDomain: string): void {
  void (async () => {
    try {
      const shop = await findShop(database.db, shopDomain);
      if (!isInstalled(shop) || (await latestHistoryImport(database.db, shop.id))) return;
      const started = await startHistoryImport(database, shopDomain, await offlineAdminFor(shopDomain), new Date());
      if (started.status === "started") runHistoryImportInBackground(database, shopDomain);
      else if (started.status === "shopify_refused") console.warn(`history import for ${shopDomain} not started: ${started.message}`);
    } catch (error) {
      console.warn(`history import for ${shopDomain} not started: ${describe(error)}`);
    }
  })();
}
