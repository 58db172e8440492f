// Once per test run: the production build (if the sources changed), and migrated template
// databases for both providers (Prisma's migrations, applied with `prisma migrate deploy`),
// reused while the migrations are unchanged.
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { migrateDatabase } from "../db/migrate.server";
import {
  migrationsFingerprint,
  postgresTemplateName,
  postgresUrlFor,
  sqliteTemplatePath,
  TEST_DIRECTORY,
  withPostgresAdmin,
} from "./databases";
import { buildAppIfStale } from "../server/build-if-stale";
import { buildDiscountFunctionIfStale } from "../../extensions/wafa-discount/build-if-stale";
import { requireSystemPackages } from "./system-packages";

export default async function setup(): Promise<() => Promise<void>> {
  // Chromium and the Function's Rust toolchain: installed here as root, else the run stops now
  // with the command to run (app/test/system-packages.ts).
  requireSystemPackages();
  // Inherited by the test workers, which name their databases with it.
  process.env.WAFA_TEST_RUN_ID ??= `${process.pid.toString(36)}${Date.now().toString(36)}`;
  const runId = process.env.WAFA_TEST_RUN_ID;
  // Unit-only runs while developing may skip the build; CI and `npm test` always check it.
  if (process.env.WAFA_TEST_SKIP_BUILD !== "1") buildAppIfStale();
  // The discount Function's Wasm, which its tests and the sandbox's checkout run (always:
  // a fresh one costs a few file stats; extensions/wafa-discount/build-if-stale.ts).
  buildDiscountFunctionIfStale();
  const fingerprint = migrationsFingerprint();
  // Inherited by the workers: they copy exactly these templates.
  process.env.WAFA_TEST_TEMPLATE_FINGERPRINT = fingerprint;
  mkdirSync(TEST_DIRECTORY, { recursive: true });

  const sqliteTemplate = sqliteTemplatePath(fingerprint);
  if (!existsSync(sqliteTemplate)) {
    const building = `${sqliteTemplate}.${process.pid}.building`;
    await migrateDatabase(`file:${building}`);
    renameSync(building, sqliteTemplate);
    for (const suffix of ["-wal", "-shm"]) rmSync(`${building}${suffix}`, { force: true });
  }

  const template = postgresTemplateName(fingerprint);
  const exists = await withPostgresAdmin(async (client) => (await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [template])).rowCount === 1);
  if (!exists) {
    const building = `${template}_building_${process.pid}`;
    await withPostgresAdmin((client) => client.query(`CREATE DATABASE "${building}"`));
    await migrateDatabase(postgresUrlFor(building));
    await withPostgresAdmin(async (client) => {
      try {
        await client.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
      } catch (error) {
        // Another run built the same template meanwhile (42P04: it exists): use theirs.
        if ((error as { code?: string }).code !== "42P04") throw error;
        await client.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
      }
    });
  }

  return async () => {
    // Suites drop their own databases; this clears any left by a crashed worker of this run.
    await withPostgresAdmin(async (client) => {
      const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [`wafa\\_test\\_${runId}\\_%`]);
      for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    });
  };
}
