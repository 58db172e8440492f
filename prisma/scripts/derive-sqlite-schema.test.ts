import { describe, expect, it } from "vitest";
import { deriveSqliteSchema } from "./derive-sqlite-schema";

const POSTGRES = `// header
generator kysely {
  provider        = "node ./kysely-types.ts"
  previewFeatures = ["postgresqlExtensions"]
}

datasource db {
  provider   = "postgresql"
  url        = env("DATABASE_URL")
  // trigrams
  extensions = [pg_trgm, btree_gin]
}

model Customer {
  id         Int    @id
  shopId     Int
  searchText String

  @@index([shopId, searchText, id])
  // PostgreSQL only: trigram search.
  @@index([shopId(ops: raw("int4_ops")), searchText(ops: raw("gin_trgm_ops"))], type: Gin)
  @@index([shopId, id])
}
`;

describe("deriving the SQLite schema", () => {
  it("GIVEN PostgreSQL extensions and a GIN index THEN SQLite gets neither, and everything else as it is", () => {
    expect(deriveSqliteSchema(POSTGRES)).toBe(`// GENERATED from prisma/schema.prisma by \`npm run db:schema\`. Do not edit by hand.
datasource db {
  provider   = "sqlite"
  url        = env("DATABASE_URL")
}

model Customer {
  id         Int    @id
  shopId     Int
  searchText String

  @@index([shopId, searchText, id])
  @@index([shopId, id])
}
`);
  });

  it("GIVEN an operator class on a B-tree index THEN the derivation refuses it (SQLite has none)", () => {
    const btreeWithOps = POSTGRES.replace("@@index([shopId, id])", '@@index([searchText(ops: raw("text_pattern_ops"))])');
    expect(() => deriveSqliteSchema(btreeWithOps)).toThrow(/operator classes/);
  });

  it("GIVEN native types THEN the derivation refuses them", () => {
    expect(() => deriveSqliteSchema(POSTGRES.replace("searchText String", "searchText String @db.Text"))).toThrow(/@db\./);
  });
});
