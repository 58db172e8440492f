import { PostgresAdapter, sql, type SqlBool } from "kysely";
import type { Db } from "../db/database.server";

/**
 * The members list: filters and keyset pages over one shop's customers, each sort walking
 * its own index (`Customer (shopId, <column>, id)`), so a page costs the same on page 1 and
 * page 2,000. See docs/decisions/0010-members.md.
 */

export const MEMBER_SORT_COLUMNS = {
  name: "searchText",
  balance: "pointsAvailable",
  lifetime: "pointsLifetime",
  lastOrder: "lastOrderAt",
  enrolled: "enrolledAt",
} as const;
export type MemberSortKey = keyof typeof MEMBER_SORT_COLUMNS;
export type SortDirection = "asc" | "desc";

/** Sort columns that can be NULL: members without a value come after all the others. */
const NULLABLE: ReadonlySet<MemberSortKey> = new Set(["lastOrder", "enrolled"]);

export type MemberFilters = {
  /** Lower-cased words that must all occur in the member's name or email. */
  readonly terms: readonly string[];
  /** A tier id, or null for members without a tier. */
  readonly tier?: { readonly id: string | null };
  readonly minAvailable?: number;
  readonly maxAvailable?: number;
  /** Last order at or after `lastOrderFrom`, and before `lastOrderUntil` (instants). */
  readonly lastOrderFrom?: Date;
  readonly lastOrderUntil?: Date;
  readonly membersOnly: boolean;
};

export type SortValue = string | number | Date | null;
/** A position in the list: the sort column's value and the row id (the tiebreak). */
export type KeysetPosition = { readonly value: SortValue; readonly id: number };

export type MemberListRow = {
  readonly id: number;
  readonly customerGid: string;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly email: string | null;
  readonly tierId: string | null;
  readonly pointsAvailable: number;
  readonly pointsPending: number;
  readonly pointsLifetime: number;
  readonly orderCount: number;
  readonly lastOrderAt: Date | null;
  readonly enrolledAt: Date | null;
  readonly searchText: string;
};

const LIST_COLUMNS = [
  "id", "customerGid", "firstName", "lastName", "email", "tierId", "pointsAvailable", "pointsPending", "pointsLifetime",
  "orderCount", "lastOrderAt", "enrolledAt", "searchText",
] as const;

/** `\`, `%` and `_` are literal in a search: LIKE patterns escape them. */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (match) => `\\${match}`)}%`;
}

/**
 * Up to this many matches, a search is resolved to its customer ids before the page is read
 * (a few milliseconds through the trigram index on PostgreSQL); beyond it, matches are dense
 * enough that walking the sort's index finds a page of them quickly.
 */
export const SEARCH_ID_LIMIT = 1000;

/** What a search matches: no search, these customer ids (at most SEARCH_ID_LIMIT), or more. */
export type SearchMatches = { readonly kind: "all" } | { readonly kind: "ids"; readonly ids: readonly number[] } | { readonly kind: "many" };

/** Every word occurs in searchText (lower-cased both sides); `terms` is not empty. */
function searchMatch(terms: readonly string[]) {
  const words = terms.map((term) => sql<SqlBool>`"searchText" like ${likePattern(term)} escape '\\'`);
  return sql<SqlBool>`(${sql.join(words, sql` and `)})`;
}

/** The shop's customers passing every filter but the search words. */
function withFilters(db: Db, shopId: number, filters: MemberFilters) {
  let query = db.selectFrom("Customer").where("shopId", "=", shopId);
  if (filters.membersOnly) query = query.where("enrolledAt", "is not", null);
  if (filters.tier) query = filters.tier.id === null ? query.where("tierId", "is", null) : query.where("tierId", "=", filters.tier.id);
  if (filters.minAvailable !== undefined) query = query.where("pointsAvailable", ">=", filters.minAvailable);
  if (filters.maxAvailable !== undefined) query = query.where("pointsAvailable", "<=", filters.maxAvailable);
  if (filters.lastOrderFrom) query = query.where("lastOrderAt", ">=", filters.lastOrderFrom);
  if (filters.lastOrderUntil) query = query.where("lastOrderAt", "<", filters.lastOrderUntil);
  return query;
}

/**
 * Resolves a search first, with the other filters, so that the page's query does not
 * depend on the planner guessing how many customers a `LIKE '%word%'` matches (PostgreSQL
 * guessed a few hundred too many for "amina salem" and walked the sort index through 40,000
 * rows: 180 ms). On PostgreSQL the GIN trigram index on (shopId, searchText) answers words
 * of 3+ characters; shorter words (no trigram) and SQLite scan the shop's customers until
 * the limit is reached. See docs/decisions/0010-members.md.
 */
export async function findSearchMatches(db: Db, shopId: number, filters: MemberFilters): Promise<SearchMatches> {
  if (filters.terms.length === 0) return { kind: "all" };
  const rows = await withFilters(db, shopId, filters).select("id").where(searchMatch(filters.terms)).limit(SEARCH_ID_LIMIT + 1).execute();
  return rows.length > SEARCH_ID_LIMIT ? { kind: "many" } : { kind: "ids", ids: rows.map((row) => row.id) };
}

const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * The ids as one parameter (an array on PostgreSQL, JSON on SQLite): `IN (?, ?, …)` would be
 * a new statement text for each count, and both drivers keep a prepared statement per text.
 */
function idIn(db: Db, ids: readonly number[]) {
  return isPostgres(db) ? sql<SqlBool>`"id" = any(${[...ids]}::int[])` : sql<SqlBool>`"id" in (select value from json_each(${JSON.stringify(ids)}))`;
}

function filtered(db: Db, shopId: number, filters: MemberFilters, search: SearchMatches) {
  const query = withFilters(db, shopId, filters).select(LIST_COLUMNS);
  // A few matches: those rows (the words checked again: a customer renamed since the ids
  // were read does not show). Many: more than SEARCH_ID_LIMIT pass every filter, so the sort's
  // index walk meets a page of them within about 50 × (shop size / SEARCH_ID_LIMIT) rows.
  if (search.kind === "ids") return query.where(idIn(db, search.ids)).where(searchMatch(filters.terms));
  if (search.kind === "many") return query.where(searchMatch(filters.terms));
  return query;
}

type Segment = "values" | "nulls";

/**
 * One segment of the order: rows with a value (by value, then id) or rows without one (by
 * id), from just past `after` when given. `value <= v AND (value < v OR id < i)` rather
 * than a row comparison: both planners turn the first conjunct into an index range.
 */
async function segmentRows(
  db: Db,
  shopId: number,
  filters: MemberFilters,
  search: SearchMatches,
  sort: MemberSortKey,
  segment: Segment,
  direction: SortDirection,
  after: KeysetPosition | null,
  limit: number,
): Promise<MemberListRow[]> {
  const column = sql.ref<SortValue>(MEMBER_SORT_COLUMNS[sort]);
  const [past, pastOrEqual] = direction === "desc" ? (["<", "<="] as const) : ([">", ">="] as const);
  let query = filtered(db, shopId, filters, search);
  if (segment === "nulls") {
    query = query.where(sql<SqlBool>`${column} is null`);
    if (after) query = query.where("id", past, after.id);
    return query.orderBy("id", direction).limit(limit).execute();
  }
  if (NULLABLE.has(sort)) query = query.where(sql<SqlBool>`${column} is not null`);
  if (after && after.value !== null) {
    const value = after.value;
    query = query.where((eb) =>
      eb.and([
        eb(column, pastOrEqual, value),
        eb.or([eb(column, past, value), eb("id", past, after.id)]),
      ]),
    );
  }
  return query.orderBy(column, direction).orderBy("id", direction).limit(limit).execute();
}

/**
 * Up to `limit` rows in `direction` from `after` (exclusive), or from the start. The order
 * is: rows with a value for the sort, then rows without one; walking backwards reverses
 * both. Each segment is its own index walk, so NULLs sort the same way on both databases.
 */
export async function walkMembers(
  db: Db,
  shopId: number,
  filters: MemberFilters,
  sort: MemberSortKey,
  direction: SortDirection,
  after: KeysetPosition | null,
  limit: number,
  walk: "forward" | "backward",
): Promise<MemberListRow[]> {
  if (filters.terms.length === 0 || !isPostgres(db)) return walkFrom(db, shopId, filters, sort, direction, after, limit, walk);
  // PostgreSQL: Wafa runs statements as named prepared ones (app/db/postgres.server.ts), and
  // after five runs the server may keep a generic plan, made without the LIKE patterns: it
  // cannot tell "zzzz" (no match: the trigram index) from "example" (every row: walk the
  // sort's index) and picked a sequential scan, 60 ms for no match at 100k customers. A
  // search is planned with its words.
  const plan = async (tx: Db) => {
    await sql`set local plan_cache_mode = force_custom_plan`.execute(tx);
    return walkFrom(tx, shopId, filters, sort, direction, after, limit, walk);
  };
  return db.isTransaction ? plan(db) : db.transaction().execute(plan);
}

async function walkFrom(
  db: Db,
  shopId: number,
  filters: MemberFilters,
  sort: MemberSortKey,
  direction: SortDirection,
  after: KeysetPosition | null,
  limit: number,
  walk: "forward" | "backward",
): Promise<MemberListRow[]> {
  const segments: Segment[] = NULLABLE.has(sort) ? (walk === "forward" ? ["values", "nulls"] : ["nulls", "values"]) : ["values"];
  const walkDirection: SortDirection = walk === "forward" ? direction : direction === "asc" ? "desc" : "asc";
  const startSegment: Segment = after && after.value === null ? "nulls" : "values";
  const search = await findSearchMatches(db, shopId, filters);
  if (search.kind === "ids" && search.ids.length === 0) return [];
  const rows: MemberListRow[] = [];
  for (const segment of segments.slice(after ? Math.max(0, segments.indexOf(startSegment)) : 0)) {
    if (rows.length >= limit) break;
    const bound = after && segment === startSegment ? after : null;
    rows.push(...(await segmentRows(db, shopId, filters, search, sort, segment, walkDirection, bound, limit - rows.length)));
  }
  return rows;
}

export function positionOf(row: MemberListRow, sort: MemberSortKey): KeysetPosition {
  return { value: row[MEMBER_SORT_COLUMNS[sort]], id: row.id };
}

/** A customer of the shop with everything the member page shows, or null (another shop's id included). */
export async function findMemberRow(db: Db, shopId: number, customerRowId: number) {
  return (
    (await db
      .selectFrom("Customer")
      .select([
        ...LIST_COLUMNS, "phone", "enrollmentSource", "redactedAt", "tierSince", "tierBelowSince", "totalSpentMinor",
        "birthMonth", "birthDay", "birthYear", "birthdaySetAt", "lastActivityAt",
      ])
      .where("shopId", "=", shopId)
      .where("id", "=", customerRowId)
      .executeTakeFirst()) ?? null
  );
}

export type MemberLedgerEntry = {
  readonly journalId: number;
  readonly key: string;
  readonly kind: string;
  readonly orderGid: string | null;
  readonly orderName: string | null;
  readonly programVersion: number | null;
  readonly occurredAt: Date;
  readonly memo: string | null;
  readonly actor: string | null;
  readonly actorName: string | null;
  /** What the journal did to the member's available and pending points. */
  readonly available: number;
  readonly pending: number;
};

/**
 * A page of the member's journals, newest first, before journal `beforeJournalId`: the
 * journal ids first (from the member's lines), then those journals with the member's lines
 * and the order they name.
 */
export async function memberLedgerPage(
  db: Db,
  shopId: number,
  customerRowId: number,
  options: { readonly beforeJournalId?: number; readonly limit: number },
): Promise<{ entries: MemberLedgerEntry[]; more: boolean }> {
  let ids = db
    .selectFrom("LedgerLine")
    .select("journalId")
    .distinct()
    .where("shopId", "=", shopId)
    .where("customerId", "=", customerRowId)
    .orderBy("journalId", "desc")
    .limit(options.limit + 1);
  if (options.beforeJournalId !== undefined) ids = ids.where("journalId", "<", options.beforeJournalId);
  const journalIds = (await ids.execute()).map((row) => row.journalId);
  const more = journalIds.length > options.limit;
  const pageIds = journalIds.slice(0, options.limit);
  if (pageIds.length === 0) return { entries: [], more: false };
  const rows = await db
    .selectFrom("LedgerJournal as j")
    .innerJoin("LedgerLine as l", "l.journalId", "j.id")
    .leftJoin("Order as o", (join) => join.onRef("o.shopId", "=", "j.shopId").onRef("o.orderGid", "=", "j.orderGid"))
    .select(["j.id", "j.key", "j.kind", "j.orderGid", "o.name as orderName", "j.programVersion", "j.occurredAt", "j.memo", "j.actor", "j.actorName", "l.account", "l.points"])
    .where("j.id", "in", pageIds)
    .where("l.customerId", "=", customerRowId)
    .execute();
  const byJournal = new Map<number, MemberLedgerEntry>();
  for (const row of rows) {
    const entry = byJournal.get(row.id) ?? {
      journalId: row.id, key: row.key, kind: row.kind, orderGid: row.orderGid, orderName: row.orderName, programVersion: row.programVersion,
      occurredAt: row.occurredAt, memo: row.memo, actor: row.actor, actorName: row.actorName, available: 0, pending: 0,
    };
    byJournal.set(row.id, {
      ...entry,
      available: entry.available + (row.account === "member.available" ? row.points : 0),
      pending: entry.pending + (row.account === "member.pending" ? row.points : 0),
    });
  }
  return { entries: pageIds.flatMap((id) => byJournal.get(id) ?? []), more };
}

export async function journalKeyExists(db: Db, shopId: number, key: string): Promise<boolean> {
  return (await db.selectFrom("LedgerJournal").select("id").where("shopId", "=", shopId).where("key", "=", key).executeTakeFirst()) !== undefined;
}

export async function saveBirthday(
  db: Db,
  customerRowId: number,
  birthday: { readonly month: number; readonly day: number; readonly year: number | null } | null,
  now: Date,
): Promise<void> {
  await db
    .updateTable("Customer")
    .set({
      birthMonth: birthday?.month ?? null,
      birthDay: birthday?.day ?? null,
      birthYear: birthday?.year ?? null,
      birthdaySetAt: birthday ? now : null,
      updatedAt: now,
    })
    .where("id", "=", customerRowId)
    .execute();
}
