import type { AppDatabase } from "../../db/database.server";
import { inTransaction } from "../../db/transaction.server";
import type { JobResult } from "../../jobs/job";
import { segmentChanges, type SegmentChange } from "../../loyalty/metrics/segment-export";
import { findShopById } from "../../repositories/scheduled-work.server";
import {
  addSegmentExportProgress,
  exportedSegments,
  recordExportedSegments,
  shopifyCustomerGids,
  unfinishedSegmentExport,
  updateSegmentExport,
  type SegmentExportRecord,
} from "../../repositories/segment-exports.server";
import { isInstalled } from "../../repositories/shops.server";
import type { ThrottleOptions } from "../../shopify/admin/redemption-operations.server";
import { replaceSegmentTag, writeSegmentMetafields } from "../../shopify/admin/segment-export.server";
import type { AdminGraphql } from "../../shopify/admin/shop-details.server";
import { NOTHING_TO_DO, signalOf, type ShopSweep } from "../scheduled-shop.server";
import { reportContext } from "./report-context.server";
import { rankCustomers } from "./segments.server";

/** How the export reaches the shop's Admin API (the server: its offline session; tests: a simulated Shopify). */
export type SegmentExportAdmin = (shopDomain: string) => Promise<AdminGraphql>;

/** Customers per committed batch: one metafieldsSet call's worth (Shopify takes at most 25). */
export const SEGMENT_EXPORT_BATCH = 25;

/**
 * Refusals in a row after which the export stops as failed: one deleted customer is
 * refused alone, but a shop that refuses everyone (a missing scope, an outage) should not
 * be called for every customer.
 */
export const REFUSALS_IN_A_ROW_TO_STOP = 25;

type Pending = SegmentChange & { readonly customerGid: string };
type BatchOutcome = { readonly written: readonly Pending[]; readonly refusals: readonly string[] };

/**
 * Works off the shop's oldest unfinished segment export (docs/decisions/0014-reports.md):
 * ranks the customers as the Segments report does for its default period (as of `now`),
 * and writes Shopify's tag and metafield for the customers whose segment differs from the
 * one last written, in batches of 25, each recorded in its own transaction. A stopped run
 * (shutdown, lease budget) leaves the export running; the next run ranks again and writes
 * only what is still different, so nothing is written twice. A customer Shopify refuses is
 * counted, not recorded, and is tried again by the next export.
 */
export async function exportSegments(database: AppDatabase, adminFor: SegmentExportAdmin, run: ShopSweep & { readonly throttle?: ThrottleOptions }): Promise<JobResult> {
  const pending = await unfinishedSegmentExport(database.db, run.shopId);
  if (!pending) return NOTHING_TO_DO;
  const shop = await findShopById(database.db, run.shopId);
  const context = isInstalled(shop) ? await reportContext(database, shop.domain, {}, run.now) : null;
  if (!shop || !context?.ok) {
    await updateSegmentExport(database.db, pending.id, { status: "failed", finishedAt: run.now, error: "The shop is not installed." }, run.now);
    return NOTHING_TO_DO;
  }
  const ranking = await rankCustomers(database, context.value);
  const changes = segmentChanges(new Map(ranking.customers.map((entry) => [Number(entry.customerId), entry.segment])), await exportedSegments(database.db, run.shopId));
  const gids = await shopifyCustomerGids(database.db, run.shopId, changes.map((change) => change.customerId));
  const writable = changes.flatMap((change) => {
    const customerGid = gids.get(change.customerId);
    return customerGid === undefined ? [] : [{ ...change, customerGid }];
  });
  const { A, B, C } = ranking.segments;
  await updateSegmentExport(
    database.db,
    pending.id,
    // Refused customers are tried again by this run, so their count starts over.
    { status: "running", startedAt: pending.startedAt ?? run.now, customersA: A.customers, customersB: B.customers, customersC: C.customers, toWrite: pending.written + writable.length, refused: 0, error: null },
    run.now,
  );
  return writeInBatches(database, pending, writable, async () => adminFor(shop.domain), run);
}

async function writeInBatches(
  database: AppDatabase,
  pending: SegmentExportRecord,
  writable: readonly Pending[],
  adminOf: () => Promise<AdminGraphql>,
  run: ShopSweep & { readonly throttle?: ThrottleOptions },
): Promise<JobResult> {
  const signal = signalOf(run);
  let admin: AdminGraphql | null = null;
  let processed = 0;
  let refusedInARow = 0;
  for (let start = 0; start < writable.length; start += SEGMENT_EXPORT_BATCH) {
    if (signal.aborted) return { processed, complete: false };
    admin ??= await adminOf();
    const { written, refusals } = await writeBatch(admin, writable.slice(start, start + SEGMENT_EXPORT_BATCH), run.throttle);
    await inTransaction(database, async (tx) => {
      await recordExportedSegments(tx, run.shopId, written, run.now);
      await addSegmentExportProgress(tx, pending.id, { written: written.length, refused: refusals.length, error: refusals[0] ?? null }, run.now);
    });
    processed += written.length;
    refusedInARow = written.length > 0 ? 0 : refusedInARow + refusals.length;
    if (refusedInARow >= REFUSALS_IN_A_ROW_TO_STOP) {
      const error = `Shopify refused ${refusedInARow} customers in a row, so the export stopped. First refusal: ${refusals[0] ?? "unknown"}`;
      await updateSegmentExport(database.db, pending.id, { status: "failed", finishedAt: run.now, error }, run.now);
      return { processed, complete: true };
    }
  }
  await updateSegmentExport(database.db, pending.id, { status: "finished", finishedAt: run.now }, run.now);
  return { processed, complete: true };
}

/**
 * Tags first, customer by customer, then the metafields of those tagged in one call;
 * metafieldsSet is atomic, so when it refuses the batch each customer is tried alone.
 */
async function writeBatch(admin: AdminGraphql, batch: readonly Pending[], throttle?: ThrottleOptions): Promise<BatchOutcome> {
  const tagged: Pending[] = [];
  const refusals: string[] = [];
  for (const change of batch) {
    const outcome = await replaceSegmentTag(admin, change.customerGid, change.segment, throttle);
    if (outcome.ok) tagged.push(change);
    else refusals.push(`${change.customerGid}: ${outcome.message}`);
  }
  if (tagged.length === 0) return { written: [], refusals };
  const together = await writeSegmentMetafields(admin, tagged, throttle);
  if (together.ok) return { written: tagged, refusals };
  const written: Pending[] = [];
  for (const change of tagged) {
    const alone = tagged.length === 1 ? together : await writeSegmentMetafields(admin, [change], throttle);
    if (alone.ok) written.push(change);
    else refusals.push(`${change.customerGid}: ${alone.message}`);
  }
  return { written, refusals };
}
