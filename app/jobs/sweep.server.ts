import type { AppDatabase, Tx } from "../db/database.server";
import { inTransaction } from "../db/transaction.server";
import type { JobResult } from "./job";

export const DEFAULT_SWEEP_BATCH_SIZE = 100;

export type BatchProgress<Cursor> = {
  /** 1-based number of the batch just committed. */
  readonly batch: number;
  readonly items: number;
  /** Items committed by this sweep so far. */
  readonly processed: number;
  readonly cursor: Cursor;
};

type SweepCommon<Item, Cursor> = {
  readonly database: AppDatabase;
  readonly signal: AbortSignal;
  readonly batchSize?: number;
  /**
   * Up to `limit` due items after `after` (null: from the start), in cursor order. It runs
   * inside the batch's transaction, so what it reads and what the batch writes commit
   * together; on PostgreSQL it may lock its rows (FOR UPDATE SKIP LOCKED) so that two
   * overlapping sweeps split the work instead of colliding.
   */
  fetchBatch(tx: Tx, after: Cursor | null, limit: number): Promise<readonly Item[]>;
  /** The keyset cursor of an item (e.g. its row id); must increase along `fetchBatch`'s order. */
  cursorOf(item: Item): Cursor;
  /** Called after each commit (progress logs, tests). */
  onBatchCommitted?(progress: BatchProgress<Cursor>): void;
};

export type SweepOptions<Item, Cursor> = SweepCommon<Item, Cursor> &
  (
    | { processItem(tx: Tx, item: Item): Promise<void>; processBatch?: never }
    | { processBatch(tx: Tx, items: readonly Item[]): Promise<void>; processItem?: never }
  );

/**
 * Pages through what is due with a keyset cursor, one transaction per batch.
 *
 * A killed worker loses at most its uncommitted batch; what it committed is no longer due,
 * so a rerun resumes from the data. The cursor guarantees the sweep ends even if an item
 * stays due (a grant the job decided to skip). A batch is re-runnable by contract: on
 * PostgreSQL `inTransaction` retries it on a conflict, and on SQLite group commit may replay
 * it (docs/decisions/0004-group-commit.md). The signal is checked between batches only, so
 * a batch always commits or rolls back whole.
 */
export async function sweepInBatches<Item, Cursor>(options: SweepOptions<Item, Cursor>): Promise<JobResult> {
  const { database, signal, fetchBatch, cursorOf } = options;
  const batchSize = options.batchSize ?? DEFAULT_SWEEP_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batchSize must be a positive integer, got ${batchSize}`);
  let cursor: Cursor | null = null;
  let processed = 0;
  for (let batch = 1; ; batch++) {
    if (signal.aborted) return { processed, complete: false };
    const after = cursor;
    const items = await inTransaction(database, async (tx) => {
      const page = await fetchBatch(tx, after, batchSize);
      await processPage(options, tx, page);
      return page;
    });
    const last = items.at(-1);
    if (last === undefined) return { processed, complete: true };
    processed += items.length;
    cursor = cursorOf(last);
    options.onBatchCommitted?.({ batch, items: items.length, processed, cursor });
    if (items.length < batchSize) return { processed, complete: true };
  }
}

async function processPage<Item, Cursor>(options: SweepOptions<Item, Cursor>, tx: Tx, page: readonly Item[]): Promise<void> {
  if (page.length === 0) return;
  if (options.processBatch) return options.processBatch(tx, page);
  for (const item of page) await options.processItem(tx, item);
}
