import type { AppDatabase, Tx } from "./database.server";

/** PostgreSQL errors a retry resolves: serialization failure, deadlock, a unique key won by a concurrent writer. */
const RETRYABLE_POSTGRES = new Set(["40001", "40P01", "23505"]);
const ATTEMPTS = 4;

function isRetryable(database: AppDatabase, error: unknown): boolean {
  if (typeof error !== "object" || error === null || !("code" in error)) return false;
  const code = String(error.code);
  return database.kind === "postgres" ? RETRYABLE_POSTGRES.has(code) : code === "SQLITE_BUSY";
}

/**
 * Runs one use case in one transaction (STYLE.md: the service owns the transaction).
 *
 * PostgreSQL: a transaction per call; a conflict with a concurrent transaction is retried
 * from the start, against fresh data, so the work must be a pure function of what it reads.
 *
 * SQLite (one writer): calls that arrive while a transaction is running are grouped into
 * the next one, with one commit for the group. A failing call fails alone (the group is
 * replayed call by call); every call is answered only after the commit that holds its
 * writes. See docs/decisions/0004-group-commit.md.
 */
export async function inTransaction<T>(database: AppDatabase, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (database.kind === "sqlite") return groupCommitFor(database).submit(work);
  for (let attempt = 1; ; attempt++) {
    try {
      return await database.db.transaction().execute(work);
    } catch (error) {
      if (attempt >= ATTEMPTS || !isRetryable(database, error)) throw error;
    }
  }
}

type Pending = { work: (tx: Tx) => Promise<unknown>; resolve: (value: unknown) => void; reject: (error: unknown) => void };

const MAX_GROUP = 64;

/**
 * Before a group starts, let one turn of the event loop pass, so that requests already
 * under way can join it. Measured on the webhook path: groups of ~40 instead of 1, and the
 * commit's cost per webhook fell from ~340 µs to ~35 µs.
 */
const gather = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const committers = new WeakMap<AppDatabase, GroupCommit>();

function groupCommitFor(database: AppDatabase): GroupCommit {
  let committer = committers.get(database);
  if (!committer) {
    committer = new GroupCommit(database);
    committers.set(database, committer);
  }
  return committer;
}

class GroupCommit {
  readonly #database: AppDatabase;
  #queue: Pending[] = [];
  #running = false;

  constructor(database: AppDatabase) {
    this.#database = database;
  }

  submit<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, resolve: (value) => resolve(value as T), reject });
      if (!this.#running) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#running = true;
    try {
      while (this.#queue.length > 0) {
        await gather();
        await this.#runGroup(this.#queue.splice(0, MAX_GROUP));
      }
    } finally {
      this.#running = false;
    }
  }

  /**
   * Runs a group in one transaction, optimistically without savepoints; if a call fails,
   * the group is rolled back and its calls run again one by one, each isolated in its own
   * savepoint, so the failure stays its own. Calls are re-runnable by contract (PostgreSQL
   * retries them too).
   */
  async #runGroup(group: Pending[]): Promise<void> {
    const outcome = await this.#tryGroup(group);
    if (outcome.status === "committed") group.forEach((pending, index) => pending.resolve(outcome.values[index]));
    else if (outcome.status === "database_failed") for (const pending of group) pending.reject(outcome.error);
    else for (const pending of group) await this.#runIsolated(pending);
  }

  async #tryGroup(
    group: Pending[],
  ): Promise<{ status: "committed"; values: unknown[] } | { status: "call_failed" } | { status: "database_failed"; error: unknown }> {
    let trx;
    try {
      trx = await this.#database.db.startTransaction().execute();
    } catch (error) {
      return { status: "database_failed", error };
    }
    const values: unknown[] = [];
    try {
      for (const pending of group) values.push(await pending.work(trx));
    } catch {
      // Nothing of the group is written; its calls run again one by one.
      await trx.rollback().execute();
      return { status: "call_failed" };
    }
    try {
      await trx.commit().execute();
    } catch (error) {
      await trx.rollback().execute().catch(() => undefined);
      return { status: "database_failed", error };
    }
    return { status: "committed", values };
  }

  async #runIsolated(pending: Pending): Promise<void> {
    let outcome: { ok: true; value: unknown } | { ok: false; error: unknown };
    try {
      const trx = await this.#database.db.startTransaction().execute();
      try {
        outcome = { ok: true, value: await pending.work(trx) };
        await trx.commit().execute();
      } catch (error) {
        await trx.rollback().execute().catch(() => undefined);
        outcome = { ok: false, error };
      }
    } catch (error) {
      outcome = { ok: false, error };
    }
    if (outcome.ok) pending.resolve(outcome.value);
    else pending.reject(outcome.error);
  }
}
