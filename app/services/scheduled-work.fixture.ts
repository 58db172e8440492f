// Test support for the scheduled sweeps: a shop whose current program has the rule under
// test, members inserted as rows, points credited through the real ledger, and reads of
// what the sweeps wrote.
import type { AppDatabase } from "../db/database.server";
import { available, movePoints, programIssued } from "../loyalty/ledger/journals";
import { defaultProgramRules, type ProgramRules } from "../loyalty/program/program";
import { appendJournals } from "../repositories/ledger.server";
import { addProgramVersion } from "../repositories/program-versions.server";
import { installTestShop, PROGRAM_START } from "../test/shops";

export type TestShop = { readonly id: number; readonly domain: string };

/** An installed shop whose current program is the default one changed by `change`, in `timeZone`. */
export async function shopWithRules(database: AppDatabase, domain: string, change: (rules: ProgramRules) => ProgramRules, timeZone = "UTC"): Promise<TestShop> {
  const shop = await installTestShop(database, domain);
  await database.db.updateTable("Shop").set({ ianaTimezone: timeZone }).where("id", "=", shop.id).execute();
  await addProgramVersion(database.db, shop.id, { rules: change(defaultProgramRules("USD")), effectiveAt: PROGRAM_START, createdBy: "test" }, PROGRAM_START);
  return { id: shop.id, domain };
}

export type MemberRow = { readonly id: number; readonly gid: string };

let memberCounter = 0;

/** An enrolled member (or a non-member with `enrolledAt: null`). */
export async function addMember(
  database: AppDatabase,
  shop: TestShop,
  fields: { enrolledAt: Date | null; birthday?: { month: number; day: number; year?: number; setAt: Date }; tierId?: string; tierSince?: Date; lastOrderAt?: Date },
): Promise<MemberRow> {
  const gid = `gid://shopify/Customer/${shop.id}${String(++memberCounter).padStart(5, "0")}`;
  const { enrolledAt, birthday } = fields;
  const row = await database.db
    .insertInto("Customer")
    .values({
      shopId: shop.id, customerGid: gid, email: null, firstName: null, lastName: null, phone: null, shopifyCreatedAt: PROGRAM_START, shopifyUpdatedAt: PROGRAM_START,
      enrolledAt, enrollmentSource: enrolledAt ? "customers/create" : null, redactedAt: null, createdAt: PROGRAM_START, updatedAt: PROGRAM_START,
      birthMonth: birthday?.month ?? null, birthDay: birthday?.day ?? null, birthYear: birthday?.year ?? null, birthdaySetAt: birthday?.setAt ?? null,
      tierId: fields.tierId ?? null, tierSince: fields.tierSince ?? null, lastOrderAt: fields.lastOrderAt ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, gid };
}

/** `points` earned by the member at `at` (an earn journal of their own, as an order would write). */
export async function earnPoints(database: AppDatabase, shop: TestShop, member: MemberRow, points: number, at: Date, key = `test:earn:${member.gid}:${at.toISOString()}`): Promise<void> {
  const journal = movePoints({ key, kind: "earn", customerId: member.gid, orderId: null, programVersion: 2, occurredAt: at, actor: "test" }, programIssued, available(member.gid), points);
  await appendJournals(database.db, shop.id, [journal], new Map([[member.gid, member.id]]), at);
}

export type WrittenJournal = { readonly key: string; readonly kind: string; readonly points: number; readonly programVersion: number | null; readonly actor: string | null };

/** Journals of `kind` in the shop, with their effect on member.available, by key. */
export async function journalsOfKind(database: AppDatabase, shop: TestShop, kind: string): Promise<WrittenJournal[]> {
  const rows = await database.db
    .selectFrom("LedgerJournal as j")
    .innerJoin("LedgerLine as l", "l.journalId", "j.id")
    .select(["j.key", "j.kind", "j.programVersion", "j.actor", "l.points"])
    .where("j.shopId", "=", shop.id)
    .where("j.kind", "=", kind)
    .where("l.account", "=", "member.available")
    .orderBy("j.key")
    .execute();
  return rows.map((row) => ({ key: row.key, kind: row.kind, points: Number(row.points), programVersion: row.programVersion, actor: row.actor }));
}

export async function availablePoints(database: AppDatabase, member: MemberRow): Promise<number> {
  const row = await database.db.selectFrom("Customer").select("pointsAvailable").where("id", "=", member.id).executeTakeFirstOrThrow();
  return Number(row.pointsAvailable);
}
