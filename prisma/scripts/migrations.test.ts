import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { deriveSqliteSchema, SCHEMA_PATH, SQLITE_SCHEMA_PATH } from "./derive-sqlite-schema";
import { BASE_SCHEMA_PATH } from "./new-migration";

// `npm run db:migration` diffs the schema against migrations-base.prisma and then copies the
// schema there: if they differ, a schema change has no migration yet and would reach
// production as a client that queries columns the database does not have.
describe("migrations", () => {
  it("GIVEN the committed schema THEN every change to it has a migration", () => {
    expect(readFileSync(BASE_SCHEMA_PATH, "utf8")).toBe(readFileSync(SCHEMA_PATH, "utf8"));
  });

  it("GIVEN the committed schema THEN the SQLite schema is derived from it", () => {
    expect(readFileSync(SQLITE_SCHEMA_PATH, "utf8")).toBe(deriveSqliteSchema(readFileSync(SCHEMA_PATH, "utf8")));
  });
});
