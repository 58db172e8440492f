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
 * Runs one use case in one transaction (STYLE.md: the service owns the transaction). A
 * conflict with a concurrent transaction is retried from the start, against fresh data,
 * so the work must be a pure function of what it reads.
 */
export async function inTransaction<T>(database: AppDatabase, work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await database.db.transaction().execute(work);
    } catch (error) {
      if (attempt >= ATTEMPTS || !isRetryable(database, error)) throw error;
    }
  }
}
