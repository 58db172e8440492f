import type { Compilable, CompiledQuery, QueryResult } from "kysely";
import type { Db } from "./database.server";

const SLOT = "\u0001wafa-slot:";

/**
 * A stand-in for the `index`-th argument of a prepared query. It stands in the builder
 * where the value will go, so Kysely still type-checks tables and columns; the value's
 * type is the caller's promise (the one cast this technique needs).
 */
export function slot<T>(index: number): T {
  return `${SLOT}${index}` as unknown as T;
}

type Entry = { readonly compiled: CompiledQuery; readonly parameters: ReadonlyArray<{ slot: number } | { value: unknown }> };

/**
 * A query built and compiled once per dialect, then executed with fresh arguments.
 * Building and compiling a Kysely query costs ~20 µs, about as much as SQLite takes to run
 * it, and the webhook path runs a dozen (docs/decisions/0005-http-host.md has the profile).
 * Only for queries whose shape does not depend on the arguments.
 */
export function prepared<Row>(build: (db: Db) => Compilable<Row>) {
  // Keyed by the dialect's adapter: a transaction shares its database's adapter.
  const byDialect = new WeakMap<object, Entry>();
  return async (db: Db, args: readonly unknown[]): Promise<QueryResult<Row>> => {
    const dialect = db.getExecutor().adapter;
    let entry = byDialect.get(dialect);
    if (!entry) {
      const compiled = build(db).compile();
      entry = {
        compiled,
        parameters: compiled.parameters.map((value) =>
          typeof value === "string" && value.startsWith(SLOT) ? { slot: Number(value.slice(SLOT.length)) } : { value },
        ),
      };
      byDialect.set(dialect, entry);
    }
    const parameters = entry.parameters.map((parameter) => ("slot" in parameter ? args[parameter.slot] : parameter.value));
    return db.executeQuery<Row>({ ...entry.compiled, parameters });
  };
}
