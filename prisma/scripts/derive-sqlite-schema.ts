// Derives the embedded database's Prisma schema from prisma/schema.prisma, the one
// schema of truth. Run with `npm run db:schema`; the test suite fails if the committed
// file differs from what this produces (see docs/decisions/0002-embedded-database.md).
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const HEADER = "// GENERATED from prisma/schema.prisma by `npm run db:schema`. Do not edit by hand.\n";

export function deriveSqliteSchema(postgresSchema: string): string {
  if (/@db\./.test(postgresSchema)) {
    // Native type attributes have no portable SQLite meaning; keep the truth portable.
    throw new Error("prisma/schema.prisma must not use @db.* native types");
  }
  const withProvider = postgresSchema.replace(/provider\s*=\s*"postgresql"/, 'provider = "sqlite"');
  if (withProvider === postgresSchema) {
    throw new Error('expected `provider = "postgresql"` in the datasource block');
  }
  // Types are generated once, from the truth; this schema only drives SQLite migrations.
  const withoutGenerators = withProvider.replace(/(\/\/[^\n]*\n)*generator \w+ \{[^}]*\}\n\n/g, "");
  return HEADER + withoutGenerators;
}

export const SCHEMA_PATH = fileURLToPath(new URL("../schema.prisma", import.meta.url));
export const SQLITE_SCHEMA_PATH = fileURLToPath(new URL("../sqlite/schema.prisma", import.meta.url));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(SQLITE_SCHEMA_PATH, deriveSqliteSchema(readFileSync(SCHEMA_PATH, "utf8")));
  console.log(`wrote ${SQLITE_SCHEMA_PATH}`);
}
