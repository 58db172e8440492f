import type { AppDatabase, DatabaseKind, Tx } from "../db/database.server";
import { inTransaction } from "../db/transaction.server";
import { netSpendMinor } from "../loyalty/earning/spend-base";
import { giftCardValueMinor, isPaidStatus, orderProcessedAt, snapshotRank, type OrderSnapshot } from "../loyalty/orders/order-state";
import { programVersionAt, type ProgramVersion } from "../loyalty/program/program";
import type { CustomerFacts } from "../repositories/customers.server";
import {
  advanceCheckpoint,
  advanceLastOrderAt,
  analyzeImportedCustomers,
  findHistoryImport,
  insertHistoryImport,
  latestHistoryImport,
  relaxBatchDurability,
  resolveOrderCustomers,
  unfinishedHistoryImports,
  updateHistoryImport,
  upsertImportedCustomers,
  upsertImportedOrders,
  type HistoryImportRow,
  type ImportedOrder,
} from "../repositories/history-import.server";
import { listProgramVersions } from "../repositories/program-versions.server";
import { findShop, isInstalled, type ShopRecord } from "../repositories/shops.server";
import type { AdminGraphql } from "../shopify/admin/shop-details.server";
import { fetchBulkOperation, runBulkQuery } from "../shopify/bulk/bulk-operations.server";
import { HistoryRecordAssembler, type HistoryRecord } from "../shopify/bulk/history-lines";
import { BULK_QUERY_OF } from "../shopify/bulk/history-queries";
import { jsonlLineBatches } from "../shopify/bulk/jsonl";
import { recordOrderEvent } from "./record-order-event.server";

/**
 * The history import (docs/decisions/0013-history-import.md): Shopify exports the shop's
 * customers, then its orders, as JSONL files (bulk operations); each file is streamed and
 * applied in batches, each batch one transaction that also moves the checkpoint (lines and
 * bytes applied), so a crash resumes after the last committed batch. Every write is an
 * upsert that keeps the newest state, so running it twice, or alongside webhooks, ends on
 * the same rows.
 */
export type ImportDependencies = {
  readonly admin: AdminGraphql;
  /** Downloads the result file (the real `fetch` by default). */
  readonly fetch?: (url: string, init: RequestInit) => Promise<Response>;
  /** Records per transaction. */
  readonly batchSize?: number;
  /** Stops between batches (shutdown, lease budget). */
  readonly signal?: AbortSignal;
  readonly clock?: () => Date;
};

export type StartHistoryImportResult =
  | { readonly status: "shop_not_installed" }
  | { readonly status: "already_running"; readonly importId: number }
  | { readonly status: "shopify_refused"; readonly message: string }
  | { readonly status: "started"; readonly importId: number };

const UNFINISHED: ReadonlySet<string> = new Set(["running", "downloading"]);

/** Starts an import (the customers' export first) unless one is under way. */
export async function startHistoryImport(database: AppDatabase, shopDomain: string, admin: AdminGraphql, now: Date): Promise<StartHistoryImportResult> {
  const shop = await findShop(database.db, shopDomain);
  if (!isInstalled(shop)) return { status: "shop_not_installed" };
  const latest = await latestHistoryImport(database.db, shop.id);
  if (latest && UNFINISHED.has(latest.status)) return { status: "already_running", importId: latest.id };
  const started = await runBulkQuery(admin, BULK_QUERY_OF.customers);
  if (!started.ok) return { status: "shopify_refused", message: started.message };
  const importId = await inTransaction(database, (tx) => insertHistoryImport(tx, shop.id, started.id, now));
  return { status: "started", importId };
}

export type AdvanceOutcome = "waiting" | "progressed" | "finished" | "stopped";

/**
 * One step of an import: ask Shopify how the export is going, or apply its file (from the
 * checkpoint on), then move to the next phase. "waiting": the export is still running.
 */
export async function advanceHistoryImport(database: AppDatabase, importId: number, dependencies: ImportDependencies): Promise<AdvanceOutcome> {
  const clock = dependencies.clock ?? (() => new Date());
  const row = await findHistoryImport(database.db, importId);
  if (!row || !UNFINISHED.has(row.status)) return "finished";
  const shop = await shopById(database, row.shopId);
  if (!shop) {
    await updateHistoryImport(database.db, row.id, { status: "failed", error: "The shop is no longer installed.", finishedAt: clock() }, clock());
    return "finished";
  }
  if (row.status === "running") return followExport(database, row, dependencies, clock);
  const applied = await applyFile(database, shop, row, dependencies, clock);
  if (applied === "stopped") return "stopped";
  return nextPhase(database, row, dependencies, clock);
}

async function shopById(database: AppDatabase, shopId: number): Promise<ShopRecord | null> {
  const domain = await database.db.selectFrom("Shop").select("domain").where("id", "=", shopId).executeTakeFirst();
  const shop = domain ? await findShop(database.db, domain.domain) : null;
  return isInstalled(shop) ? shop : null;
}

async function followExport(database: AppDatabase, row: HistoryImportRow, dependencies: ImportDependencies, clock: () => Date): Promise<AdvanceOutcome> {
  if (!row.bulkOperationGid) throw new Error(`history import ${row.id} runs without a bulk operation`);
  const operation = await fetchBulkOperation(dependencies.admin, row.bulkOperationGid);
  const now = clock();
  if (!operation || ["FAILED", "CANCELED", "CANCELING", "EXPIRED"].includes(operation.status)) {
    const reason = operation ? `${operation.status.toLowerCase()}${operation.errorCode ? ` (${operation.errorCode})` : ""}` : "not found";
    await updateHistoryImport(database.db, row.id, { status: "failed", error: `Shopify's export of ${row.phase} ${reason}. Start the import again.`, finishedAt: now }, now);
    return "finished";
  }
  if (operation.status !== "COMPLETED") {
    await updateHistoryImport(database.db, row.id, { objectCount: operation.objectCount }, now);
    return "waiting";
  }
  // An export with no objects has no file: the phase is done at once.
  await updateHistoryImport(
    database.db,
    row.id,
    { status: "downloading", resultUrl: operation.url, objectCount: operation.objectCount, fileSize: operation.fileSize, linesDone: 0, bytesDone: 0 },
    now,
  );
  return "progressed";
}

async function nextPhase(database: AppDatabase, row: HistoryImportRow, dependencies: ImportDependencies, clock: () => Date): Promise<AdvanceOutcome> {
  if (row.phase === "orders") {
    await inTransaction(database, async (tx) => {
      await advanceLastOrderAt(tx, database.kind, row.shopId);
      await updateHistoryImport(tx, row.id, { phase: "done", status: "completed", finishedAt: clock() }, clock());
    });
    return "finished";
  }
  // The orders' batches look their customers up: plan those lookups with the loaded table's statistics.
  await analyzeImportedCustomers(database.db, database.kind);
  const started = await runBulkQuery(dependencies.admin, BULK_QUERY_OF.orders);
  if (!started.ok) {
    await updateHistoryImport(database.db, row.id, { status: "failed", error: `Shopify did not export the orders: ${started.message}`, finishedAt: clock() }, clock());
    return "finished";
  }
  await updateHistoryImport(
    database.db,
    row.id,
    { phase: "orders", status: "running", bulkOperationGid: started.id, resultUrl: null, objectCount: 0, fileSize: 0, linesDone: 0, bytesDone: 0 },
    clock(),
  );
  return "progressed";
}

type Position = { readonly lines: number; readonly bytes: number };

/** Streams the phase's file from the checkpoint and applies it batch by batch. */
async function applyFile(database: AppDatabase, shop: ShopRecord, row: HistoryImportRow, dependencies: ImportDependencies, clock: () => Date): Promise<"done" | "stopped"> {
  if (!row.resultUrl || (row.fileSize > 0 && row.bytesDone >= row.fileSize)) return "done";
  const batchSize = dependencies.batchSize ?? 1000;
  const body = await download(dependencies, row.resultUrl, row.bytesDone);
  if (!body) return "done";
  const versions = row.phase === "orders" ? await listProgramVersions(database.db, shop.id) : [];
  const assembler = new HistoryRecordAssembler();
  const batch = new BatchWriter(database, shop, row, versions, clock);
  let lines = row.linesDone;
  let bytes = row.bytesDone;
  // Where the order being assembled began: a checkpoint inside the file stops before it.
  let openedAt: Position = { lines, bytes };
  try {
    for await (const chunkLines of jsonlLineBatches(body, row.bytesDone)) {
      // Back to the event loop once per chunk: while the download has data buffered, this loop
      // runs on promise jobs alone, so PostgreSQL's replies to the batch in flight waited until
      // the next batch was parsed and the server idled between the batch's statements
      // (17k orders/s before, 22k after: docs/decisions/0013-history-import.md).
      await yieldToEventLoop();
      for (const line of chunkLines) {
        const before = bytes;
        lines++;
        bytes = line.endOffset;
        batch.add(assembler.push(line.text, lines));
        if (assembler.openedAt === lines) openedAt = { lines: lines - 1, bytes: before };
        if (batch.size >= batchSize) {
          // Orders are complete only when the next one starts: the checkpoint stops before the open one.
          await batch.commit(assembler.assembling ? openedAt : { lines, bytes });
          if (dependencies.signal?.aborted) return "stopped";
        }
      }
    }
    batch.add(assembler.finish());
    await batch.commit({ lines, bytes });
  } finally {
    // Whatever ends the file (its end, a stop, a broken download), the batch handed over lands first.
    await batch.settle();
  }
  return "done";
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The file from `offset` on: a range request, or the whole file with the start skipped. */
async function download(dependencies: ImportDependencies, url: string, offset: number): Promise<AsyncIterable<Uint8Array> | null> {
  const fetcher = dependencies.fetch ?? ((target: string, init: RequestInit) => fetch(target, init));
  const response = await fetcher(url, offset > 0 ? { headers: { Range: `bytes=${offset}-` } } : {});
  if (response.status === 416) return null;
  if (!response.ok || !response.body) throw new Error(`downloading the export failed: HTTP ${response.status}`);
  const chunks = response.body as unknown as AsyncIterable<Uint8Array>;
  return response.status === 206 || offset === 0 ? chunks : skipBytes(chunks, offset);
}

async function* skipBytes(chunks: AsyncIterable<Uint8Array>, count: number): AsyncGenerator<Uint8Array> {
  let left = count;
  for await (const chunk of chunks) {
    if (left >= chunk.length) {
      left -= chunk.length;
      continue;
    }
    yield left > 0 ? chunk.subarray(left) : chunk;
    left = 0;
  }
}

class ConcurrentImportError extends Error {}

/** Collects records and writes them with the checkpoint in one transaction. */
class BatchWriter {
  #customers = new Map<string, CustomerFacts>();
  /** By GID: a file naming an order twice keeps its newest state (one statement cannot write a row twice). */
  #orders = new Map<string, { readonly snapshot: OrderSnapshot; readonly rank: string }>();
  #skipped: string[] = [];
  #linesDone: number;

  constructor(
    private readonly database: AppDatabase,
    private readonly shop: ShopRecord,
    private readonly row: HistoryImportRow,
    private readonly versions: readonly ProgramVersion[],
    private readonly clock: () => Date,
  ) {
    this.#linesDone = row.linesDone;
  }

  get size(): number {
    return this.#customers.size + this.#orders.size + this.#skipped.length;
  }

  add(records: readonly HistoryRecord[]): void {
    for (const record of records) {
      if (record.kind === "customer") this.#customers.set(record.facts.customerGid, record.facts);
      else if (record.kind === "order") this.#addOrder(record.snapshot);
      else this.#skipped.push(record.message);
    }
  }

  #addOrder(snapshot: OrderSnapshot): void {
    const rank = snapshotRank(snapshot);
    const seen = this.#orders.get(snapshot.orderId);
    const newer = !seen || snapshot.updatedAt > seen.snapshot.updatedAt || (snapshot.updatedAt.getTime() === seen.snapshot.updatedAt.getTime() && rank > seen.rank);
    if (newer) this.#orders.set(snapshot.orderId, { snapshot, rank });
    // Counted as imported either way: the line was applied.
    else this.#duplicates++;
  }

  #duplicates = 0;

  /**
   * Hands the batch to the database and returns once the previous batch has landed: the
   * next batch is read and parsed while this one is written (PostgreSQL works in its own
   * process meanwhile). Batches land one after the other, in file order, so the checkpoint
   * only ever moves forward; a failed write fails the next commit or `settle`.
   */
  async commit(to: Position): Promise<void> {
    if (to.lines === this.#linesDone && this.size === 0) return;
    const orders = [...this.#orders.values()];
    const work = { to, fromLine: this.#linesDone, orders, imported: orders.length + this.#duplicates, customers: [...this.#customers.values()], skipped: this.#skipped };
    this.#linesDone = to.lines;
    this.#customers = new Map();
    this.#orders = new Map();
    this.#duplicates = 0;
    this.#skipped = [];
    await this.#inFlight;
    const write = this.#write(work);
    // Handled here so that a failure is not reported as unhandled before it is awaited.
    write.catch(() => undefined);
    this.#inFlight = write;
  }

  /** Waits for the last batch handed over. */
  settle(): Promise<void> {
    return this.#inFlight;
  }

  #inFlight: Promise<void> = Promise.resolve();

  async #write(work: {
    readonly to: Position;
    readonly fromLine: number;
    readonly orders: ReadonlyArray<{ readonly snapshot: OrderSnapshot; readonly rank: string }>;
    readonly imported: number;
    readonly customers: readonly CustomerFacts[];
    readonly skipped: readonly string[];
  }): Promise<void> {
    const now = this.clock();
    const governed = work.orders.filter((order) => programVersionAt(this.versions, orderProcessedAt(order.snapshot)) !== null);
    const historical = work.orders.filter((order) => programVersionAt(this.versions, orderProcessedAt(order.snapshot)) === null);
    // Orders placed under the program are what a missed webhook would have brought: the
    // webhook path's own use case stores them and reconciles their points (idempotent).
    for (const order of governed) await recordGoverned(this.database, this.shop.domain, order.snapshot, now);
    const { kind } = this.database;
    const { to, customers, skipped } = work;
    await inTransaction(this.database, async (tx) => {
      await relaxBatchDurability(tx, kind);
      if (customers.length > 0) await upsertImportedCustomers(tx, kind, this.shop.id, customers, now);
      if (historical.length > 0) await writeHistoricalOrders(tx, kind, this.shop.id, historical, now);
      const checkpoint = { linesDone: to.lines, bytesDone: to.bytes, customers: customers.length, orders: work.imported, skipped: skipped.length, error: skipped[0] ?? null };
      if (!(await advanceCheckpoint(tx, this.row.id, work.fromLine, checkpoint, now))) {
        throw new ConcurrentImportError(`history import ${this.row.id} was advanced by another runner`);
      }
    });
  }
}

async function recordGoverned(database: AppDatabase, shopDomain: string, snapshot: OrderSnapshot, receivedAt: Date): Promise<void> {
  const customer = snapshot.customerId
    ? { customerGid: snapshot.customerId, email: null, firstName: null, lastName: null, phone: null, shopifyCreatedAt: null, shopifyUpdatedAt: null }
    : null;
  await recordOrderEvent(database, shopDomain, { kind: "order", facts: { snapshot, refunds: [], customer } }, { topic: "bulk_operations/history_import", receivedAt });
}

async function writeHistoricalOrders(
  tx: Tx,
  kind: DatabaseKind,
  shopId: number,
  snapshots: ReadonlyArray<{ readonly snapshot: OrderSnapshot; readonly rank: string }>,
  now: Date,
): Promise<void> {
  const gids = [...new Set(snapshots.flatMap(({ snapshot }) => (snapshot.customerId ? [snapshot.customerId] : [])))];
  const refs = await resolveOrderCustomers(tx, kind, shopId, gids, now);
  const orders: ImportedOrder[] = snapshots.map(({ snapshot: raw, rank }) => {
    const ref = raw.customerId ? refs.get(raw.customerId) : undefined;
    // A redacted customer is known by their tombstone key, as on the webhook path.
    const snapshot = ref && ref.key !== raw.customerId ? { ...raw, customerId: ref.key } : raw;
    return {
      snapshot,
      rank: snapshot === raw ? rank : snapshotRank(snapshot),
      customerRowId: ref?.id ?? null,
      giftCardMinor: giftCardValueMinor(snapshot.lines),
      netSpendMinor: netSpendMinor(snapshot, []),
      paidAt: isPaidStatus(snapshot.financialStatus) ? snapshot.updatedAt : null,
    };
  });
  await upsertImportedOrders(tx, kind, shopId, orders, now);
}

/**
 * Drives a shop's unfinished imports until they finish, the signal fires, or the export is
 * still running after `maxPolls` polls (the scheduler's next run picks it up again).
 */
export async function driveHistoryImports(
  database: AppDatabase,
  shopId: number,
  dependencies: ImportDependencies & { readonly pollIntervalMs?: number; readonly maxPolls?: number },
): Promise<{ readonly complete: boolean }> {
  const imports = await unfinishedHistoryImports(database.db, shopId);
  for (const row of imports) {
    let polls = 0;
    for (;;) {
      if (dependencies.signal?.aborted) return { complete: false };
      const outcome = await advanceHistoryImport(database, row.id, dependencies);
      if (outcome === "finished") break;
      if (outcome === "stopped") return { complete: false };
      if (outcome === "waiting") {
        polls++;
        if (polls >= (dependencies.maxPolls ?? 60)) return { complete: false };
        await new Promise((resolve) => setTimeout(resolve, dependencies.pollIntervalMs ?? 2000));
      }
    }
  }
  return { complete: true };
}
