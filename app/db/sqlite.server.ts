import BetterSqlite3 from "better-sqlite3";
import { Kysely, SqliteDialect, type SqliteDatabase, type SqliteStatement } from "kysely";
import { BOOLEAN_COLUMNS, DATE_COLUMNS, type Database } from "./schema.generated";

export type SqliteSynchronous = "NORMAL" | "FULL";

/**
 * The embedded database: one better-sqlite3 connection in WAL mode, behind Kysely's SQLite
 * driver, which serialises every statement and transaction through one mutex (a query
 * outside a transaction never runs inside another request's open transaction).
 *
 * Durability: in WAL mode a COMMIT has written the transaction to the WAL file before it
 * returns, so killing the process (kill -9) loses nothing committed. `synchronous=NORMAL`
 * skips the fsync per commit (an OS crash or power loss may lose the last commits);
 * `FULL` adds it. See docs/decisions/0002-embedded-database.md.
 */
export function openSqlite(path: string, synchronous: SqliteSynchronous = "NORMAL") {
  const raw = new BetterSqlite3(path);
  raw.pragma("journal_mode = WAL");
  raw.pragma(`synchronous = ${synchronous}`);
  raw.pragma("foreign_keys = ON");
  // Another process (a CLI, a second server) may hold the write lock briefly.
  raw.pragma("busy_timeout = 5000");
  // A small page cache commits faster on a grown database (../shared/PERFORMANCE.md).
  raw.pragma("cache_size = -8192");
  raw.pragma("temp_store = MEMORY");
  // Gives the planner statistics where it has none (SQLite >= 3.46: cheap at open).
  raw.pragma("optimize = 0x10002");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new ConvertingDatabase(raw) }) });
  return { db, raw };
}

/**
 * Adapts better-sqlite3 to Kysely: caches prepared statements, binds Dates as Unix
 * milliseconds and booleans as 0/1, reads them back as Date and boolean (by column name,
 * from the generated schema), and starts write transactions IMMEDIATE so that two
 * processes never deadlock upgrading a read lock.
 */
class ConvertingDatabase implements SqliteDatabase {
  readonly #raw: BetterSqlite3.Database;
  readonly #statements = new Map<string, ConvertingStatement>();

  constructor(raw: BetterSqlite3.Database) {
    this.#raw = raw;
  }

  close(): void {
    this.#raw.close();
  }

  prepare(sql: string): SqliteStatement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      const text = sql === "begin" ? "begin immediate" : sql;
      statement = new ConvertingStatement(this.#raw.prepare(text));
      this.#statements.set(sql, statement);
    }
    return statement;
  }
}

class ConvertingStatement implements SqliteStatement {
  readonly reader: boolean;
  readonly #statement: BetterSqlite3.Statement;

  constructor(statement: BetterSqlite3.Statement) {
    this.#statement = statement;
    this.reader = statement.reader;
  }

  all(parameters: ReadonlyArray<unknown>): unknown[] {
    return this.#statement.all(encodeParameters(parameters)).map(decodeRow);
  }

  run(parameters: ReadonlyArray<unknown>) {
    return this.#statement.run(encodeParameters(parameters));
  }

  *iterate(parameters: ReadonlyArray<unknown>): IterableIterator<unknown> {
    for (const row of this.#statement.iterate(encodeParameters(parameters))) yield decodeRow(row);
  }
}

function encodeParameters(parameters: ReadonlyArray<unknown>): unknown[] {
  return parameters.map((value) => {
    if (value instanceof Date) return value.getTime();
    if (typeof value === "boolean") return value ? 1 : 0;
    return value;
  });
}

function decodeRow(row: unknown): unknown {
  if (typeof row !== "object" || row === null) return row;
  const record = row as Record<string, unknown>;
  for (const key in record) {
    const value = record[key];
    if (value === null) continue;
    if (DATE_COLUMNS.has(key) && (typeof value === "number" || typeof value === "string")) {
      record[key] = new Date(value);
    } else if (BOOLEAN_COLUMNS.has(key) && typeof value === "number") {
      record[key] = value !== 0;
    }
  }
  return record;
}
