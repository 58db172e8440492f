// Real databases for tests: a template is migrated once per run (global-setup.ts), and each
// test suite gets its own copy: a file copy for SQLite, CREATE DATABASE … TEMPLATE for
// PostgreSQL. No mocks of our own data layer.
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabase, type AppDatabase, type DatabaseKind } from "../db/database.server";

export const DATABASE_KINDS: readonly DatabaseKind[] = ["sqlite", "postgres"];

/** Where tests reach PostgreSQL as a superuser (trust auth in CI and on our machines). */
export const POSTGRES_ADMIN_URL = process.env.WAFA_TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
export const TEST_DIRECTORY = path.join(tmpdir(), "wafa-tests");

/** A fingerprint of both providers' migrations: templates are rebuilt when it changes. */
export function migrationsFingerprint(root = process.cwd()): string {
  const hash = createHash("sha256");
  for (const kind of DATABASE_KINDS) {
    const directory = path.join(root, "prisma", kind, "migrations");
    for (const migration of readdirSync(directory).sort()) {
      if (migration.endsWith(".toml")) continue;
      hash.update(migration).update(readFileSync(path.join(directory, migration, "migration.sql")));
    }
  }
  return hash.digest("hex").slice(0, 12);
}

export const sqliteTemplatePath = (fingerprint: string) => path.join(TEST_DIRECTORY, `template-${fingerprint}.sqlite`);
export const postgresTemplateName = (fingerprint: string) => `wafa_template_${fingerprint}`;
export const postgresUrlFor = (database: string) => {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
};

export async function withPostgresAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is required by the test suite at ${POSTGRES_ADMIN_URL} (start it with ` +
        "`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`).",
      { cause: error },
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

let counter = 0;

/**
 * Names this test run's databases apart from a concurrent run's (two people, or CI and a
 * developer, on one PostgreSQL): the run's teardown drops only its own leftovers.
 */
export function testRunId(): string {
  return process.env.WAFA_TEST_RUN_ID ?? "adhoc";
}

export type TestDatabase = AppDatabase & { drop(): Promise<void> };

/** A fresh, migrated database of the given kind, owned by the caller. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  // The templates the run's global setup built (a migration added while the run goes on must
  // not send workers looking for templates nobody built).
  const fingerprint = process.env.WAFA_TEST_TEMPLATE_FINGERPRINT ?? migrationsFingerprint();
  const name = `wafa_test_${testRunId()}_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  if (kind === "sqlite") {
    mkdirSync(TEST_DIRECTORY, { recursive: true });
    const file = path.join(TEST_DIRECTORY, `${name}.sqlite`);
    copyFileSync(sqliteTemplatePath(fingerprint), file);
    const database = openDatabase(`file:${file}`);
    return {
      ...database,
      async drop() {
        await database.close();
        for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
      },
    };
  }
  await withPostgresAdmin((client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${postgresTemplateName(fingerprint)}"`));
  const database = openDatabase(postgresUrlFor(name), { poolSize: 20 });
  return {
    ...database,
    async drop() {
      await database.close();
      await withPostgresAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
