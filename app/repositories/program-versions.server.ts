import type { Db } from "../db/database.server";
import { prepared, slot } from "../db/prepared.server";
import { ProgramRulesSchema, type ProgramRules, type ProgramVersion } from "../loyalty/program/program";

/**
 * Program versions are immutable, so their parsed rules are cached by row id. Every read
 * validates the stored JSON with the core's schema: a shape the engine cannot run is a
 * bug and must not be silently used.
 */
const parsedRules = new Map<number, ProgramRules>();

function parseRules(id: number, json: string): ProgramRules {
  let rules = parsedRules.get(id);
  if (!rules) {
    const parsed = ProgramRulesSchema.safeParse(JSON.parse(json));
    if (!parsed.success) throw new Error(`program version ${id} holds rules the engine cannot run: ${parsed.error.message}`);
    rules = parsed.data;
    parsedRules.set(id, rules);
  }
  return rules;
}

const listVersionsQuery = prepared((db) =>
  db.selectFrom("ProgramVersion").select(["id", "version", "effectiveAt", "rules"]).where("shopId", "=", slot<number>(0)).orderBy("version"),
);

export async function listProgramVersions(db: Db, shopId: number): Promise<ProgramVersion[]> {
  const { rows } = await listVersionsQuery(db, [shopId]);
  return rows.map((row) => ({ version: row.version, effectiveAt: row.effectiveAt, rules: parseRules(row.id, row.rules) }));
}

export type NewProgramVersion = {
  readonly rules: ProgramRules;
  readonly effectiveAt: Date;
  readonly createdBy: string;
  readonly createdByName?: string | null;
};

/** Appends the next version; the rules are validated before anything is written. */
export async function addProgramVersion(db: Db, shopId: number, input: NewProgramVersion, now: Date): Promise<ProgramVersion> {
  const rules = ProgramRulesSchema.parse(input.rules);
  const latest = await db
    .selectFrom("ProgramVersion")
    .select((eb) => eb.fn.max("version").as("version"))
    .where("shopId", "=", shopId)
    .executeTakeFirst();
  const version = (latest?.version ?? 0) + 1;
  await db
    .insertInto("ProgramVersion")
    .values({ shopId, version, rules: JSON.stringify(rules), effectiveAt: input.effectiveAt, createdBy: input.createdBy, createdByName: input.createdByName ?? null, createdAt: now })
    .execute();
  return { version, effectiveAt: input.effectiveAt, rules };
}

export type ProgramVersionRecord = ProgramVersion & {
  readonly createdBy: string | null;
  readonly createdByName: string | null;
  readonly createdAt: Date;
};

/** Every version with who made it and when, newest first (the version history). */
export async function listProgramVersionRecords(db: Db, shopId: number): Promise<ProgramVersionRecord[]> {
  const rows = await db
    .selectFrom("ProgramVersion")
    .select(["id", "version", "effectiveAt", "rules", "createdBy", "createdByName", "createdAt"])
    .where("shopId", "=", shopId)
    .orderBy("version", "desc")
    .execute();
  return rows.map((row) => ({
    version: row.version,
    effectiveAt: row.effectiveAt,
    rules: parseRules(row.id, row.rules),
    createdBy: row.createdBy,
    createdByName: row.createdByName,
    createdAt: row.createdAt,
  }));
}
