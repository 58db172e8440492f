import { createHash } from "node:crypto";
import { Kysely, PostgresDialect, type PostgresCursor, type PostgresPool, type PostgresPoolClient, type PostgresQueryResult } from "kysely";
import pg from "pg";
import type { Database } from "./schema.generated";

const INT8_OID = 20;
const NUMERIC_OID = 1700;
const TIMESTAMP_OID = 1114;

/** int8 and integral numeric values (sums) as JavaScript numbers, refusing silent rounding. */
function parseSafeNumber(text: string): number {
  const value = Number(text);
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
    throw new Error(`database value ${text} is beyond JavaScript's safe integers`);
  }
  return value;
}

/** Prisma stores DateTime as `timestamp(3)` holding UTC wall time. */
function parseUtcTimestamp(text: string): Date {
  return new Date(`${text.replace(" ", "T")}Z`);
}

const typeParsers = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8_OID || oid === NUMERIC_OID) return parseSafeNumber;
    if (oid === TIMESTAMP_OID) return parseUtcTimestamp;
    return format === "binary" ? pg.types.getTypeParser(oid, "binary") : pg.types.getTypeParser(oid, "text");
  },
} as pg.CustomTypesConfig;

// Dates are sent as UTC so that `timestamp` columns hold UTC wall time, as Prisma's do.
pg.defaults.parseInputDatesAsUTC = true;

/**
 * Statements with parameters run as named prepared statements: each connection parses and
 * plans a statement once, then only binds values (the webhook path sends a dozen per call).
 * Statement names derive from the SQL text; pg prepares a name on first use per connection.
 */
const statementNames = new Map<string, string>();
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `wafa_${createHash("sha1").update(text).digest("hex").slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return name;
}

/** Kysely's view of a pooled client, running parameterised statements as named ones. */
class PreparingClient implements PostgresPoolClient {
  constructor(private readonly client: pg.PoolClient) {}

  query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(sql: string | PostgresCursor<R>, parameters?: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    if (typeof sql !== "string") throw new Error("cursors are not used by Wafa");
    const values = parameters ?? [];
    const config = values.length > 0 ? { name: statementName(sql), text: sql, values: [...values] } : { text: sql };
    // pg's result is what Kysely's PostgresDialect expects from pg itself.
    return this.client.query(config) as unknown as Promise<PostgresQueryResult<R>>;
  }

  release(): void {
    this.client.release();
  }
}

export function openPostgres(connectionString: string, poolSize = 10) {
  const pool = new pg.Pool({ connectionString, max: poolSize, types: typeParsers });
  // An idle pooled connection can be closed by the server (restart, failover, admin); pg
  // reports it on the pool, and an unhandled 'error' event would crash the process.
  pool.on("error", (error) => console.warn(`PostgreSQL connection lost: ${error.message}`));
  const preparingPool: PostgresPool = { connect: async () => new PreparingClient(await pool.connect()), end: () => pool.end() };
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool }) });
  return { db, pool };
}
