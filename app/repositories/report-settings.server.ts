import type { Db } from "../db/database.server";

/** The stored JSON of a shop's report settings and goals (validated by the core when read). */
export type StoredReportSettings = { readonly settings: unknown; readonly goals: unknown };

export async function readReportSettings(db: Db, shopId: number): Promise<StoredReportSettings> {
  const row = await db.selectFrom("ReportSettings").select(["settings", "goals"]).where("shopId", "=", shopId).executeTakeFirst();
  if (!row) return { settings: {}, goals: [] };
  return { settings: JSON.parse(row.settings) as unknown, goals: JSON.parse(row.goals) as unknown };
}

/** Writes the shop's settings and goals (one row per shop, created on first save). */
export async function saveReportSettings(db: Db, shopId: number, stored: { readonly settings: object; readonly goals: readonly object[] }, now: Date): Promise<void> {
  const settings = JSON.stringify(stored.settings);
  const goals = JSON.stringify(stored.goals);
  await db
    .insertInto("ReportSettings")
    .values({ shopId, settings, goals, createdAt: now, updatedAt: now })
    .onConflict((conflict) => conflict.column("shopId").doUpdateSet({ settings, goals, updatedAt: now }))
    .execute();
}
