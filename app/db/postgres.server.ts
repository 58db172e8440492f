import { Kysely, PostgresDialect } from "kysely";
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

export function openPostgres(connectionString: string, poolSize = 10) {
  const pool = new pg.Pool({ connectionString, max: poolSize, types: typeParsers });
  // An idle pooled connection can be closed by the server (restart, failover, admin); pg
  // reports it on the pool, and an unhandled 'error' event would crash the process.
  pool.on("error", (error) => console.warn(`PostgreSQL connection lost: ${error.message}`));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool };
}
