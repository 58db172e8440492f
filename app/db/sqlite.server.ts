import BetterSqlite3 from "better-sqlite3";
import {
  type CompiledQuery,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from "kysely";
import { BOOLEAN_COLUMNS, DATE_COLUMNS, type Database } from "./schema.generated";

export type SqliteSynchronous = "NORMAL" | "FULL";

/**
 * The embedded database: better-sqlite3 in WAL mode, behind Kysely, with two connections.
 *
 * - The writer runs transactions and any statement that writes, one at a time (a mutex):
 *   a statement outside a transaction can never run inside another request's open
 *   transaction. Write transactions start IMMEDIATE, so two processes never deadlock
 *   upgrading a read lock.
 * - The reader (read-only) runs SELECTs made outside a transaction. In WAL mode it sees the
 *   last committed state and never waits for the writer, so session loads and balance
 *   reads do not queue behind a write transaction (see group-commit.server.ts).
 *
 * Durability: in WAL mode a COMMIT has written the transaction to the WAL before it
 * returns, so killing the process (kill -9) loses nothing committed. `synchronous=NORMAL`
 * skips the fsync per commit (an OS crash or power loss may lose the last commits);
 * `FULL` adds it. See docs/decisions/0002-embedded-database.md.
 */
export function openSqlite(path: string, synchronous: SqliteSynchronous = "NORMAL") {
  const writer = new BetterSqlite3(path);
  writer.pragma("journal_mode = WAL");
  writer.pragma(`synchronous = ${synchronous}`);
  writer.pragma("foreign_keys = ON");
  // Another process (a CLI, a second server) may hold the write lock briefly.
  writer.pragma("busy_timeout = 5000");
  // A small page cache commits faster on a grown database (../shared/PERFORMANCE.md).
  writer.pragma("cache_size = -8192");
  writer.pragma("temp_store = MEMORY");
  // Gives the planner statistics where it has none (SQLite >= 3.46: cheap at open).
  writer.pragma("optimize = 0x10002");
  const reader = path === ":memory:" ? writer : new BetterSqlite3(path, { readonly: true });
  reader.pragma("busy_timeout = 5000");
  reader.pragma("cache_size = -8192");
  const driver = new SqliteDriver(new Statements(writer), new Statements(reader));
  const dialect: Dialect = {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => driver,
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  };
  return { db: new Kysely<Database>({ dialect }), raw: writer };
}

/** A promise-based mutex: one holder at a time, in arrival order. */
class Mutex {
  #tail: Promise<void> = Promise.resolve();

  lock(): Promise<() => void> {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const acquired = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => held);
    return acquired;
  }
}

class SqliteDriver implements Driver {
  readonly #writer: Statements;
  readonly #reader: Statements;
  readonly #writeLock = new Mutex();

  constructor(writer: Statements, reader: Statements) {
    this.#writer = writer;
    this.#reader = reader;
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new SqliteConnection(this.#writer, this.#reader, this.#writeLock);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await asSqlite(connection).begin();
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    asSqlite(connection).end("commit");
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    asSqlite(connection).end("rollback");
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    asSqlite(connection).command(`savepoint ${identifier(name)}`);
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    asSqlite(connection).command(`rollback to ${identifier(name)}`);
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    asSqlite(connection).command(`release ${identifier(name)}`);
  }

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {
    this.#reader.close();
    this.#writer.close();
  }
}

function asSqlite(connection: DatabaseConnection): SqliteConnection {
  if (!(connection instanceof SqliteConnection)) throw new Error("not a connection of Wafa's SQLite driver");
  return connection;
}

function identifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`invalid savepoint name ${name}`);
  return name;
}

class SqliteConnection implements DatabaseConnection {
  readonly #writer: Statements;
  readonly #reader: Statements;
  readonly #writeLock: Mutex;
  #release: (() => void) | null = null;

  constructor(writer: Statements, reader: Statements, writeLock: Mutex) {
    this.#writer = writer;
    this.#reader = reader;
    this.#writeLock = writeLock;
  }

  async begin(): Promise<void> {
    this.#release = await this.#writeLock.lock();
    try {
      this.#writer.run("begin immediate", []);
    } catch (error) {
      this.#unlock();
      throw error;
    }
  }

  end(command: "commit" | "rollback"): void {
    try {
      this.#writer.run(command, []);
    } finally {
      this.#unlock();
    }
  }

  command(sql: string): void {
    if (!this.#release) throw new Error(`${sql}: not in a transaction`);
    this.#writer.run(sql, []);
  }

  #unlock(): void {
    const release = this.#release;
    this.#release = null;
    release?.();
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    if (this.#release) return this.#writer.execute<R>(compiled);
    if (compiled.query.kind === "SelectQueryNode") return this.#reader.execute<R>(compiled);
    const release = await this.#writeLock.lock();
    try {
      return this.#writer.execute<R>(compiled);
    } finally {
      release();
    }
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const source = this.#release ? this.#writer : this.#reader;
    for (const row of source.iterate(compiled)) yield { rows: [row as R] };
  }
}

/**
 * Prepared statements by SQL text, with Wafa's value conventions: Dates bound as Unix
 * milliseconds and booleans as 0/1, read back as Date and boolean by column name (from the
 * generated schema; SQLite has no date or boolean type).
 */
class Statements {
  readonly #database: BetterSqlite3.Database;
  readonly #cache = new Map<string, BetterSqlite3.Statement>();

  constructor(database: BetterSqlite3.Database) {
    this.#database = database;
  }

  #prepare(sql: string): BetterSqlite3.Statement {
    let statement = this.#cache.get(sql);
    if (!statement) {
      statement = this.#database.prepare(sql);
      this.#cache.set(sql, statement);
    }
    return statement;
  }

  run(sql: string, parameters: readonly unknown[]): void {
    this.#prepare(sql).run(encodeParameters(parameters));
  }

  execute<R>(compiled: CompiledQuery): QueryResult<R> {
    const statement = this.#prepare(compiled.sql);
    const parameters = encodeParameters(compiled.parameters);
    if (statement.reader) return { rows: statement.all(parameters).map(decodeRow) as R[] };
    const { changes, lastInsertRowid } = statement.run(parameters);
    return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) };
  }

  *iterate(compiled: CompiledQuery): IterableIterator<unknown> {
    for (const row of this.#prepare(compiled.sql).iterate(encodeParameters(compiled.parameters))) yield decodeRow(row);
  }

  close(): void {
    if (this.#database.open) this.#database.close();
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
