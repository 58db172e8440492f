import type { Selectable } from "kysely";
import type { Db } from "../db/database.server";
import type { SegmentExportTable } from "../db/schema.generated";
import { SEGMENTS, type Segment } from "../loyalty/metrics/rfm-segments";

/** A merchant's export of the RFM segments to Shopify (docs/decisions/0014-reports.md). */
export type SegmentExportRecord = Selectable<SegmentExportTable>;

/** Requested: waiting for the job; running: the job is writing (or was stopped and resumes). */
export const UNFINISHED_EXPORT_STATUSES = ["requested", "running"] as const;

/** Customers per query when reading by id, well under both databases' parameter limits. */
const IDS_PER_QUERY = 500;

export async function latestSegmentExport(db: Db, shopId: number): Promise<SegmentExportRecord | null> {
  return (await db.selectFrom("SegmentExport").selectAll().where("shopId", "=", shopId).orderBy("id", "desc").limit(1).executeTakeFirst()) ?? null;
}

export async function unfinishedSegmentExport(db: Db, shopId: number): Promise<SegmentExportRecord | null> {
  return (
    (await db
      .selectFrom("SegmentExport")
      .selectAll()
      .where("shopId", "=", shopId)
      .where("status", "in", [...UNFINISHED_EXPORT_STATUSES])
      .orderBy("id", "asc")
      .limit(1)
      .executeTakeFirst()) ?? null
  );
}

export async function insertSegmentExport(db: Db, shopId: number, now: Date): Promise<SegmentExportRecord> {
  return db.insertInto("SegmentExport").values({ shopId, status: "requested", requestedAt: now, updatedAt: now }).returningAll().executeTakeFirstOrThrow();
}

export type SegmentExportPatch = Partial<Pick<SegmentExportRecord, "status" | "startedAt" | "finishedAt" | "customersA" | "customersB" | "customersC" | "toWrite" | "refused" | "error">>;

export async function updateSegmentExport(db: Db, id: number, patch: SegmentExportPatch, now: Date): Promise<void> {
  await db.updateTable("SegmentExport").set({ ...patch, updatedAt: now }).where("id", "=", id).execute();
}

/** Adds one batch's outcome to the export's progress (in the batch's transaction). */
export async function addSegmentExportProgress(db: Db, id: number, progress: { written: number; refused: number; error: string | null }, now: Date): Promise<void> {
  await db
    .updateTable("SegmentExport")
    .set((eb) => ({
      written: eb("written", "+", progress.written),
      refused: eb("refused", "+", progress.refused),
      // The first refusal's message is kept: later ones are usually the same.
      ...(progress.error === null ? {} : { error: eb.fn.coalesce("error", eb.val(progress.error)) }),
      updatedAt: now,
    }))
    .where("id", "=", id)
    .execute();
}

const isSegment = (value: string): value is Segment => SEGMENTS.some((segment) => segment === value);

/** The segment last written to Shopify, by customer row id. */
export async function exportedSegments(db: Db, shopId: number): Promise<Map<number, Segment>> {
  const rows = await db.selectFrom("CustomerSegmentExport").select(["customerId", "segment"]).where("shopId", "=", shopId).execute();
  return new Map(rows.flatMap((row) => (isSegment(row.segment) ? [[row.customerId, row.segment] as const] : [])));
}

/** Shopify customer GIDs by row id; redacted customers (whose GID was erased) are left out. */
export async function shopifyCustomerGids(db: Db, shopId: number, customerIds: readonly number[]): Promise<Map<number, string>> {
  const found = new Map<number, string>();
  for (let start = 0; start < customerIds.length; start += IDS_PER_QUERY) {
    const rows = await db
      .selectFrom("Customer")
      .select(["id", "customerGid"])
      .where("shopId", "=", shopId)
      .where("id", "in", customerIds.slice(start, start + IDS_PER_QUERY))
      .where("customerGid", "like", "gid://shopify/Customer/%")
      .execute();
    for (const row of rows) found.set(row.id, row.customerGid);
  }
  return found;
}

/** Records what Shopify now carries for these customers: a segment, or nothing (null). */
export async function recordExportedSegments(db: Db, shopId: number, written: ReadonlyArray<{ customerId: number; segment: Segment | null }>, now: Date): Promise<void> {
  const removed = written.filter((entry) => entry.segment === null).map((entry) => entry.customerId);
  if (removed.length > 0) await db.deleteFrom("CustomerSegmentExport").where("shopId", "=", shopId).where("customerId", "in", removed).execute();
  const set = written.flatMap(({ customerId, segment }) => (segment === null ? [] : [{ customerId, shopId, segment, exportedAt: now }]));
  if (set.length === 0) return;
  await db
    .insertInto("CustomerSegmentExport")
    .values(set)
    .onConflict((conflict) => conflict.column("customerId").doUpdateSet((eb) => ({ segment: eb.ref("excluded.segment"), exportedAt: eb.ref("excluded.exportedAt") })))
    .execute();
}
