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
  const withProvider = postgresSchema.replace(/provider(\s*)=(\s*)"postgresql"/, 'provider$1=$2"sqlite"');
  if (withProvider === postgresSchema) {
    throw new Error('expected `provider = "postgresql"` in the datasource block');
  }
  // Types are generated once, from the truth; this schema only drives SQLite migrations.
  const withoutGenerators = withProvider.replace(/(\/\/[^\n]*\n)*generator \w+ \{[^}]*\}\n\n/g, "");
  return HEADER + withoutPostgresOnlyFeatures(withoutGenerators);
}

/**
 * PostgreSQL extensions (the `postgresqlExtensions` preview feature, enabled in the
 * generator block dropped above) and the index types that need them (GIN, GiST, SP-GiST,
 * BRIN, e.g. the members search's trigram index) have no SQLite counterpart: the datasource's
 * `extensions` line and each such `@@index`, with the comment lines just above it, are left
 * out. The queries those indexes serve must work without them (they do on SQLite, slower).
 */
function withoutPostgresOnlyFeatures(schema: string): string {
  const withoutExtensions = schema.replace(/(^[ \t]*\/\/[^\n]*\n)*^[ \t]*extensions[ \t]*=[ \t]*\[[^\]\n]*\][ \t]*\n/m, "");
  const withoutIndexes = withoutExtensions.replace(/(^[ \t]*\/\/[^\n]*\n)*^[ \t]*@@index\([^\n]*\btype:[ \t]*(Gin|Gist|SpGist|Brin)\b[^\n]*\n/gm, "");
  if (/\bops:|\btype:[ \t]*(Gin|Gist|SpGist|Brin)\b/.test(withoutIndexes)) {
    // An operator class on another kind of index would reach SQLite, which has none.
    throw new Error("prisma/schema.prisma: operator classes (ops:) are only allowed on GIN, GiST, SP-GiST or BRIN indexes");
  }
  return withoutIndexes;
}

export const SCHEMA_PATH = fileURLToPath(new URL("../schema.prisma", import.meta.url));
export const SQLITE_SCHEMA_PATH = fileURLToPath(new URL("../sqlite/schema.prisma", import.meta.url));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(SQLITE_SCHEMA_PATH, deriveSqliteSchema(readFileSync(SCHEMA_PATH, "utf8")));
  console.log(`wrote ${SQLITE_SCHEMA_PATH}`);
}
