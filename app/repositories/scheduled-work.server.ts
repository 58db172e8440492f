import type { ExpressionBuilder, SelectQueryBuilder } from "kysely";
import { z } from "zod";
import type { Db } from "../db/database.server";
import type { Database as Schema } from "../db/schema.generated";
import { JOURNAL_KINDS, MEMBER_ACCOUNTS, PROGRAM_ACCOUNTS, type Journal } from "../loyalty/ledger/ledger";
import type { ShopRecord } from "./shops.server";

/**
 * Queries of the scheduled sweeps (app/services/release-pending-points, expire-points,
 * grant-annual-bonuses, reevaluate-tiers). Each `…Due` query pages members by row id after
 * a cursor, and narrows them to those who may have something due: the core decides what
 * is really due, so these filters may let extra members through but must never hide one.
 *
 * `lockRows` (PostgreSQL): FOR UPDATE SKIP LOCKED on the member rows, so that two
 * overlapping sweeps split the members instead of computing the same grants; a webhook
 * touching a member meanwhile waits for the batch (it updates the same row). The unique
 * journal keys stay the guarantee either way (docs/decisions/0007-scheduled-work.md).
 */

export type DueMember = { readonly id: number; readonly customerGid: string };

export type MemberPage = { readonly shopId: number; readonly after: number | null; readonly limit: number; readonly lockRows: boolean };

const SHOP_COLUMNS = ["id", "domain", "name", "currencyCode", "ianaTimezone", "countTestOrders", "installedAt", "uninstalledAt", "onboardedAt", "launchedAt"] as const;

export async function findShopById(db: Db, shopId: number): Promise<ShopRecord | null> {
  return (await db.selectFrom("Shop").select(SHOP_COLUMNS).where("id", "=", shopId).executeTakeFirst()) ?? null;
}

type CustomerQuery = SelectQueryBuilder<Schema, "Customer", DueMember>;

/** Enrolled, not redacted members of the shop after the cursor, in id order, optionally locked. */
function memberPage(db: Db, page: MemberPage, narrow: (query: CustomerQuery) => CustomerQuery): Promise<DueMember[]> {
  const base = db
    .selectFrom("Customer")
    .select(["Customer.id", "Customer.customerGid"])
    .where("Customer.shopId", "=", page.shopId)
    .where("Customer.enrolledAt", "is not", null)
    .where("Customer.redactedAt", "is", null)
    .$if(page.after !== null, (query) => query.where("Customer.id", ">", page.after ?? 0));
  return narrow(base)
    .orderBy("Customer.id")
    .limit(page.limit)
    .$if(page.lockRows, (query) => query.forUpdate("Customer").skipLocked())
    .execute();
}

/**
 * Members with available points and a credit to them dated at or before `creditedBy`: the
 * oldest lot a member holds was opened by a credit, so no credit that old means no lot
 * old enough to expire or be reminded of (per-batch policy).
 */
export function membersWithCreditsBy(db: Db, page: MemberPage, creditedBy: Date): Promise<DueMember[]> {
  return memberPage(db, page, (query) =>
    query.where("Customer.pointsAvailable", ">", 0).where((eb) =>
      eb.exists(
        eb
          .selectFrom("LedgerLine as l")
          .innerJoin("LedgerJournal as j", "j.id", "l.journalId")
          .select("l.id")
          .whereRef("l.shopId", "=", "Customer.shopId")
          .whereRef("l.customerId", "=", "Customer.id")
          .where("l.account", "=", "member.available")
          .where("l.points", ">", 0)
          .where("j.occurredAt", "<=", creditedBy),
      ),
    ),
  );
}

/**
 * Members with available points whose recorded last activity is at or before `inactiveSince`
 * (inactivity policy). The projection's clock also moves on a debit adjustment, which the
 * core does not count as activity: such a member is found later than due, never twice.
 */
export function membersInactiveSince(db: Db, page: MemberPage, inactiveSince: Date): Promise<DueMember[]> {
  return memberPage(db, page, (query) => query.where("Customer.pointsAvailable", ">", 0).where("Customer.lastActivityAt", "<=", inactiveSince));
}

export type AnnualCandidate = DueMember & {
  readonly enrolledAt: Date;
  readonly birthMonth: number | null;
  readonly birthDay: number | null;
  readonly birthYear: number | null;
  readonly birthdaySetAt: Date | null;
};

export type AnnualWindow = {
  /** Birthdays (month, day) that may be due; empty when the birthday bonus is off. */
  readonly birthdays: ReadonlyArray<{ readonly month: number; readonly day: number }>;
  /** Enrolment instants [from, to) whose anniversary may be due; empty when it is off. */
  readonly enrolments: ReadonlyArray<{ readonly from: Date; readonly to: Date }>;
};

/** Members whose birthday or enrolment day falls in the window (see grant-annual-bonuses). */
export async function membersWithAnnualDates(db: Db, page: MemberPage, window: AnnualWindow): Promise<AnnualCandidate[]> {
  if (window.birthdays.length === 0 && window.enrolments.length === 0) return [];
  const matches = (eb: ExpressionBuilder<Schema, "Customer">) =>
    eb.or([
      ...window.birthdays.map(({ month, day }) => eb.and([eb("Customer.birthMonth", "=", month), eb("Customer.birthDay", "=", day), eb("Customer.birthdaySetAt", "is not", null)])),
      ...window.enrolments.map(({ from, to }) => eb.and([eb("Customer.enrolledAt", ">=", from), eb("Customer.enrolledAt", "<", to)])),
    ]);
  const rows = await db
    .selectFrom("Customer")
    .select(["Customer.id", "Customer.customerGid", "Customer.enrolledAt", "Customer.birthMonth", "Customer.birthDay", "Customer.birthYear", "Customer.birthdaySetAt"])
    .where("Customer.shopId", "=", page.shopId)
    .where("Customer.enrolledAt", "is not", null)
    .where("Customer.redactedAt", "is", null)
    .$if(page.after !== null, (query) => query.where("Customer.id", ">", page.after ?? 0))
    .where(matches)
    .orderBy("Customer.id")
    .limit(page.limit)
    .$if(page.lockRows, (query) => query.forUpdate("Customer").skipLocked())
    .execute();
  return rows.flatMap((row) => (row.enrolledAt ? [{ ...row, enrolledAt: row.enrolledAt }] : []));
}

/** The earliest enrolment in the shop (how many anniversaries back to look), or null with no members. */
export async function earliestEnrolment(db: Db, shopId: number): Promise<Date | null> {
  const row = await db
    .selectFrom("Customer")
    .select((eb) => eb.fn.min("enrolledAt").as("earliest"))
    .where("shopId", "=", shopId)
    .where("redactedAt", "is", null)
    .executeTakeFirst();
  const earliest: unknown = row?.earliest ?? null;
  if (earliest === null) return null;
  // min() over a timestamp comes back as the driver's raw value on SQLite.
  return earliest instanceof Date ? earliest : new Date(z.union([z.string(), z.number()]).parse(earliest));
}

/**
 * Members a tier re-evaluation may move: those holding a tier or on a grace clock (they
 * can fall), and, while tiers are on, those with orders or activity since `activeSince`
 * (null: ever), whose value may cross a threshold of a program version that took effect.
 * Members without either have a value of zero and no tier: nothing can change for them.
 */
export function membersWhoseTierMayChange(db: Db, page: MemberPage, activity: { readonly enabled: boolean; readonly metric: "spend" | "orders" | "points"; readonly since: Date | null }): Promise<DueMember[]> {
  const column = activity.metric === "points" ? "Customer.lastActivityAt" : "Customer.lastOrderAt";
  return memberPage(db, page, (query) =>
    query.where((eb) =>
      eb.or([
        eb("Customer.tierId", "is not", null),
        eb("Customer.tierBelowSince", "is not", null),
        ...(activity.enabled ? [activity.since ? eb(column, ">=", activity.since) : eb(column, "is not", null)] : []),
      ]),
    ),
  );
}

const JournalKindSchema = z.enum(JOURNAL_KINDS);
const AccountSchema = z.enum([...MEMBER_ACCOUNTS, ...PROGRAM_ACCOUNTS]);

/**
 * Every journal that touches the member, whole (all its lines), in ledger order: what the
 * expiry core reads (lots of available points, last activity). Member lines carry the
 * customer key (GID or tombstone), as the core's journals do.
 */
export async function memberJournals(db: Db, shopId: number, customerRowId: number): Promise<Journal[]> {
  const rows = await db
    .selectFrom("LedgerJournal as j")
    .innerJoin("LedgerLine as l", "l.journalId", "j.id")
    .leftJoin("Customer", "Customer.id", "l.customerId")
    .select(["j.id", "j.key", "j.kind", "j.orderGid", "j.programVersion", "j.occurredAt", "j.memo", "j.actor", "l.account", "l.points", "Customer.customerGid"])
    .where("j.shopId", "=", shopId)
    .where("j.id", "in", (eb) =>
      eb.selectFrom("LedgerLine as own").select("own.journalId").where("own.shopId", "=", shopId).where("own.customerId", "=", customerRowId),
    )
    .orderBy("j.id")
    .orderBy("l.id")
    .execute();
  const journals = new Map<number, Journal & { lines: Journal["lines"][number][] }>();
  for (const row of rows) {
    let journal = journals.get(row.id);
    if (!journal) {
      journal = {
        key: row.key, kind: JournalKindSchema.parse(row.kind), customerId: null, orderId: row.orderGid, programVersion: row.programVersion,
        occurredAt: row.occurredAt, memo: row.memo, actor: row.actor ?? "unknown", lines: [],
      };
      journals.set(row.id, journal);
    }
    journal.lines.push({ account: AccountSchema.parse(row.account), customerId: row.customerGid, points: Number(row.points) });
  }
  return [...journals.values()];
}

export type MemberToSync = DueMember & { readonly tierId: string | null; readonly pointsAvailable: number; readonly syncRequestedAt: Date; readonly syncedState: string | null };

/**
 * Members whose tags and metafields Shopify should be told about: a sync was requested
 * (evaluateMemberTier on a tier change, applyBalanceDelta on every balance move,
 * requestSyncOfAllMembers on a program change) after the last one done.
 * Read outside any transaction: the sync calls Shopify, which must not hold the database.
 */
export async function membersDueForSync(db: Db, page: Omit<MemberPage, "lockRows">): Promise<MemberToSync[]> {
  const rows = await db
    .selectFrom("Customer")
    .select(["id", "customerGid", "tierId", "pointsAvailable", "syncRequestedAt", "syncedState"])
    .where("shopId", "=", page.shopId)
    .where("redactedAt", "is", null)
    .where("syncRequestedAt", "is not", null)
    .where((eb) => eb.or([eb("syncedAt", "is", null), eb("syncedAt", "<", eb.ref("syncRequestedAt"))]))
    .$if(page.after !== null, (query) => query.where("id", ">", page.after ?? 0))
    .orderBy("id")
    .limit(page.limit)
    .execute();
  return rows.flatMap((row) => (row.syncRequestedAt ? [{ ...row, pointsAvailable: Number(row.pointsAvailable), syncRequestedAt: row.syncRequestedAt }] : []));
}

/**
 * Asks for every member of the shop to be synced again (their next reward or tier name may
 * have changed with the program): one UPDATE, in the program save's transaction. The sync
 * then pushes only what really differs from each member's `syncedState`.
 */
export async function requestSyncOfAllMembers(db: Db, shopId: number, now: Date): Promise<void> {
  await db.updateTable("Customer").set({ syncRequestedAt: now }).where("shopId", "=", shopId).where("enrolledAt", "is not", null).where("redactedAt", "is", null).execute();
}

/**
 * Records what was pushed, as of the request it answered: `syncedAt` takes that request's
 * time, so a newer request made meanwhile (a later tier change) keeps the member due.
 */
export async function markMemberSynced(db: Db, customerRowId: number, answered: Date, state: string): Promise<void> {
  await db
    .updateTable("Customer")
    .set({ syncedAt: answered, syncedState: state })
    .where("id", "=", customerRowId)
    .where((eb) => eb.or([eb("syncedAt", "is", null), eb("syncedAt", "<", answered)]))
    .execute();
}
