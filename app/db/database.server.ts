import type { Kysely, Transaction } from "kysely";
import { openPostgres } from "./postgres.server";
import type { Database as Schema } from "./schema.generated";
import { openSqlite, type SqliteSynchronous } from "./sqlite.server";
import { ensureSqliteDirectory } from "./sqlite-file";

export type DatabaseKind = "sqlite" | "postgres";
export type Db = Kysely<Schema>;
export type Tx = Transaction<Schema>;

/** An open database of either kind: app code talks to `db`, and asks `kind` only for SQL that differs. */
export type AppDatabase = {
  readonly kind: DatabaseKind;
  readonly db: Db;
  readonly url: string;
  close(): Promise<void>;
};

export const DEFAULT_DATABASE_URL = "file:prisma/data/wafa.sqlite";

export type DatabaseTarget =
  | { kind: "sqlite"; path: string }
  | { kind: "postgres"; connectionString: string };

/** `postgres://…` selects PostgreSQL; `file:…` (or nothing) the embedded SQLite database. */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: "postgres", connectionString: url };
  if (url.startsWith("file:")) return { kind: "sqlite", path: url.slice("file:".length) };
  throw new Error(`DATABASE_URL must start with postgres://, postgresql:// or file: (got "${url}")`);
}

export function openDatabase(url: string, options: { sqliteSynchronous?: SqliteSynchronous; poolSize?: number } = {}): AppDatabase {
  const target = parseDatabaseUrl(url);
  if (target.kind === "postgres") {
    const { db } = openPostgres(target.connectionString, options.poolSize);
    return { kind: "postgres", db, url, close: () => db.destroy() };
  }
  ensureSqliteDirectory(target.path);
  const { db } = openSqlite(target.path, options.sqliteSynchronous);
  return { kind: "sqlite", db, url, close: () => db.destroy() };
}
