import type { AppDatabase } from "../../db/database.server";
import { inTransaction } from "../../db/transaction.server";
import { requestShopJob } from "../../jobs/host.server";
import { EXPORT_SEGMENTS_JOB } from "../../jobs/segment-export-job.server";
import { err, ok, type Result } from "../../loyalty/result";
import { insertSegmentExport, latestSegmentExport, unfinishedSegmentExport, type SegmentExportRecord } from "../../repositories/segment-exports.server";
import { findShop, isInstalled } from "../../repositories/shops.server";

export const SEGMENT_EXPORT_STATUSES = ["requested", "running", "finished", "failed"] as const;
export type SegmentExportStatus = (typeof SEGMENT_EXPORT_STATUSES)[number];

/** An export as the Segments tab shows it (dates as ISO strings). */
export type SegmentExportView = {
  readonly status: SegmentExportStatus;
  readonly requestedAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  /** Segment sizes of the ranking the export wrote (0 until it starts). */
  readonly segments: { readonly A: number; readonly B: number; readonly C: number };
  /** Customers whose tag and metafield had to change, written so far, and refused by Shopify. */
  readonly toWrite: number;
  readonly written: number;
  readonly refused: number;
  readonly error: string | null;
};

function statusOf(value: string): SegmentExportStatus {
  const known = SEGMENT_EXPORT_STATUSES.find((status) => status === value);
  if (!known) throw new Error(`unknown segment export status "${value}"`);
  return known;
}

function view(record: SegmentExportRecord): SegmentExportView {
  return {
    status: statusOf(record.status),
    requestedAt: record.requestedAt.toISOString(),
    startedAt: record.startedAt?.toISOString() ?? null,
    finishedAt: record.finishedAt?.toISOString() ?? null,
    segments: { A: record.customersA, B: record.customersB, C: record.customersC },
    toWrite: record.toWrite,
    written: record.written,
    refused: record.refused,
    error: record.error,
  };
}

export type SegmentExportRequestError = "not_confirmed" | "shop_not_found";

/**
 * The merchant asks for the segments to be written to Shopify. It replaces customer tags,
 * so it needs the merchant's explicit confirmation. An export already waiting or under way
 * is answered instead of a second one (it will write the segments as of when it runs).
 * The work is the export job's, triggered for the shop at once (off the request).
 */
export async function requestSegmentExport(
  database: AppDatabase,
  shopDomain: string,
  input: { readonly confirmed: boolean },
  now: Date,
): Promise<Result<{ export: SegmentExportView; alreadyUnderWay: boolean }, SegmentExportRequestError>> {
  if (!input.confirmed) return err("not_confirmed", "Confirm the export first: it replaces the wafa-rfm-a, -b and -c tags of your customers in Shopify.");
  const shop = await findShop(database.db, shopDomain);
  if (!isInstalled(shop)) return err("shop_not_found", "This shop is not installed.");
  const answer = await inTransaction(database, async (tx) => {
    const unfinished = await unfinishedSegmentExport(tx, shop.id);
    return unfinished ? { export: unfinished, alreadyUnderWay: true } : { export: await insertSegmentExport(tx, shop.id, now), alreadyUnderWay: false };
  });
  await requestShopJob(EXPORT_SEGMENTS_JOB, shop.id);
  return ok({ export: view(answer.export), alreadyUnderWay: answer.alreadyUnderWay });
}

/** The shop's latest export, for the Segments tab; null before the first. */
export async function latestSegmentExportView(database: AppDatabase, shopDomain: string): Promise<SegmentExportView | null> {
  const shop = await findShop(database.db, shopDomain);
  const latest = shop ? await latestSegmentExport(database.db, shop.id) : null;
  return latest ? view(latest) : null;
}
