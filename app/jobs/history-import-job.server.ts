import { unfinishedHistoryImports } from "../repositories/history-import.server";
import { driveHistoryImports } from "../services/import-history.server";
import { offlineAdminFor } from "../shopify/admin/offline-admin.server";
import type { JobDefinition } from "./job";

export const RESUME_HISTORY_IMPORTS_JOB = "resume-history-imports";

/**
 * Resumes history imports a restart (or a crash) interrupted, from their checkpoint
 * (docs/decisions/0013-history-import.md). Every 5 minutes: an import left mid-file waits at
 * most that long. A run follows Shopify's export for a few polls and applies the file until
 * the run's signal fires; what is left is picked up by the next run. Running it beside the
 * in-process runner is harmless: only one of them moves each batch's checkpoint.
 */
export const historyImportJob: JobDefinition = {
  name: RESUME_HISTORY_IMPORTS_JOB,
  everyMinutes: 5,
  perShop: true,
  async run({ database, shopId, signal }) {
    const unfinished = await unfinishedHistoryImports(database.db, shopId);
    if (unfinished.length === 0) return { processed: 0, complete: true };
    const shop = await database.db.selectFrom("Shop").select("domain").where("id", "=", shopId).executeTakeFirst();
    if (!shop) return { processed: 0, complete: true };
    const { complete } = await driveHistoryImports(database, shopId, { admin: await offlineAdminFor(shop.domain), signal, maxPolls: 5, pollIntervalMs: 2000 });
    // Still waiting on Shopify's export is not unfinished work: the next slot looks again.
    return { processed: unfinished.length, complete: complete || !signal.aborted };
  },
};
