import { z } from "zod";
import type { AppDatabase } from "../../db/database.server";
import { addDays, parseLocalDate, shopTimeZone, startOfLocalDay } from "../../loyalty/calendar/calendar";
import { currentProgramVersion } from "../../loyalty/program/program";
import {
  MEMBER_SORT_COLUMNS,
  positionOf,
  walkMembers,
  type KeysetPosition,
  type MemberFilters,
  type MemberListRow,
  type MemberSortKey,
  type SortDirection,
} from "../../repositories/members.server";
import { listProgramVersions } from "../../repositories/program-versions.server";
import { findShop, type ShopRecord } from "../../repositories/shops.server";
import { NO_TIER } from "./list-query";

export const MEMBERS_PAGE_SIZE = 50;
export const MEMBER_SORTS = Object.keys(MEMBER_SORT_COLUMNS) as MemberSortKey[];

/** A filter value that does not parse is dropped, not an error: the list still shows. */
const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const points = optional(z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER));
const localDate = optional(z.string().refine((text) => parseLocalDate(text) !== null));
const emptyAsMissing = (value: unknown) => (value === "" ? undefined : value);

/** The list's URL query (also the CSV export's): search, filters, sort and a cursor. */
export const MemberListQuerySchema = z.object({
  q: optional(z.string().trim().max(200)),
  tier: z.preprocess(emptyAsMissing, optional(z.string().regex(/^(_none|[a-z0-9-]{1,40})$/))),
  minPoints: z.preprocess(emptyAsMissing, points),
  maxPoints: z.preprocess(emptyAsMissing, points),
  lastOrderFrom: z.preprocess(emptyAsMissing, localDate),
  lastOrderTo: z.preprocess(emptyAsMissing, localDate),
  status: z.enum(["members", "all"]).catch("members"),
  sort: z.enum(MEMBER_SORTS).catch("enrolled"),
  direction: z.enum(["asc", "desc"]).catch("desc"),
  after: optional(z.string().max(400)),
  before: optional(z.string().max(400)),
});
export type MemberListQuery = z.infer<typeof MemberListQuerySchema>;

export function parseMemberListQuery(searchParams: URLSearchParams): MemberListQuery {
  return MemberListQuerySchema.parse(Object.fromEntries(searchParams));
}

export type MemberSummary = {
  readonly id: number;
  readonly customerGid: string;
  readonly name: string;
  readonly email: string | null;
  readonly tierId: string | null;
  /** The tier's name in the current program, or its id if the program no longer has it. */
  readonly tierName: string | null;
  readonly available: number;
  readonly pending: number;
  readonly lifetime: number;
  readonly orders: number;
  readonly lastOrderAt: Date | null;
  /** Null for customers who are not members (listed with `status: "all"`). */
  readonly enrolledAt: Date | null;
};

export type MemberPage = {
  readonly members: readonly MemberSummary[];
  /** Opaque cursors: pass as `after` for the next page, `before` for the previous one. */
  readonly nextCursor: string | null;
  readonly previousCursor: string | null;
};

export function displayName(row: Pick<MemberListRow, "firstName" | "lastName" | "customerGid">): string {
  const name = [row.firstName, row.lastName].filter(Boolean).join(" ");
  if (name) return name;
  return row.customerGid.startsWith("redacted:") ? "Redacted customer" : "Unnamed customer";
}

/** Cursors carry the sort they belong to: one from another sort starts at the first page. */
const CursorSchema = z.object({ s: z.enum(MEMBER_SORTS), v: z.union([z.string(), z.number(), z.null()]), i: z.number().int().positive() });

export function encodeCursor(sort: MemberSortKey, position: KeysetPosition): string {
  const value = position.value instanceof Date ? position.value.getTime() : position.value;
  return Buffer.from(JSON.stringify({ s: sort, v: value, i: position.id })).toString("base64url");
}

export function decodeCursor(sort: MemberSortKey, cursor: string): KeysetPosition | null {
  try {
    const parsed = CursorSchema.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    if (!parsed.success || parsed.data.s !== sort) return null;
    const { v, i } = parsed.data;
    const wantsText = sort === "name";
    if (v !== null && (typeof v === "string") !== wantsText) return null;
    if (v === null && !(sort === "lastOrder" || sort === "enrolled")) return null;
    const value = typeof v === "number" && (sort === "lastOrder" || sort === "enrolled") ? new Date(v) : v;
    return { value, id: i };
  } catch {
    return null;
  }
}

/** The repository's filters from the query: dates are whole days in the shop's time zone. */
export function memberFilters(query: MemberListQuery, shop: Pick<ShopRecord, "ianaTimezone">): MemberFilters {
  const timeZone = shopTimeZone(shop.ianaTimezone);
  const from = query.lastOrderFrom ? parseLocalDate(query.lastOrderFrom) : null;
  const to = query.lastOrderTo ? parseLocalDate(query.lastOrderTo) : null;
  return {
    terms: (query.q ?? "").toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5),
    ...(query.tier ? { tier: { id: query.tier === NO_TIER ? null : query.tier } } : {}),
    ...(query.minPoints !== undefined ? { minAvailable: query.minPoints } : {}),
    ...(query.maxPoints !== undefined ? { maxAvailable: query.maxPoints } : {}),
    ...(from ? { lastOrderFrom: startOfLocalDay(from, timeZone) } : {}),
    ...(to ? { lastOrderUntil: startOfLocalDay(addDays(to, 1), timeZone) } : {}),
    membersOnly: query.status === "members",
  };
}

/**
 * Members matching the query, a page at a time in the chosen order (ties broken by id), in
 * either direction from a cursor. Keyset pages stay as fast on the last page as on the
 * first; see docs/decisions/0010-members.md for the indexes each sort walks.
 */
export async function listMembers(
  database: AppDatabase,
  shopDomain: string,
  query: MemberListQuery,
  now: Date,
  options: { readonly limit?: number } = {},
): Promise<MemberPage> {
  const shop = await findShop(database.db, shopDomain);
  if (!shop) return { members: [], nextCursor: null, previousCursor: null };
  const limit = Math.min(Math.max(options.limit ?? MEMBERS_PAGE_SIZE, 1), 500);
  const before = query.before ? decodeCursor(query.sort, query.before) : null;
  const after = !before && query.after ? decodeCursor(query.sort, query.after) : null;
  const backwards = before !== null;
  const filters = memberFilters(query, shop);
  const [rows, tierNames] = await Promise.all([
    walkMembers(database.db, shop.id, filters, query.sort, query.direction, before ?? after, limit + 1, backwards ? "backward" : "forward"),
    currentTierNames(database, shop.id, now),
  ]);
  const more = rows.length > limit;
  const page = backwards ? rows.slice(0, limit).reverse() : rows.slice(0, limit);
  const first = page[0];
  const last = page.at(-1);
  const hasNext = backwards || more;
  const hasPrevious = backwards ? more : after !== null;
  return {
    members: page.map((row) => toSummary(row, tierNames)),
    nextCursor: hasNext && last ? encodeCursor(query.sort, positionOf(last, query.sort)) : null,
    previousCursor: hasPrevious && first ? encodeCursor(query.sort, positionOf(first, query.sort)) : null,
  };
}

/**
 * Every member matching the query, in the list's order, in keyset batches (the CSV export):
 * memory stays flat whatever the shop's size. Each batch is its own read, so a member
 * changing during the export appears once, at the place it had when its batch was read.
 */
export async function* allMatchingMembers(
  database: AppDatabase,
  shop: ShopRecord,
  query: MemberListQuery,
  now: Date,
  batchSize = 500,
): AsyncGenerator<MemberSummary> {
  const filters = memberFilters(query, shop);
  const tierNames = await currentTierNames(database, shop.id, now);
  let position: KeysetPosition | null = null;
  for (;;) {
    const rows = await walkMembers(database.db, shop.id, filters, query.sort, query.direction, position, batchSize, "forward");
    for (const row of rows) yield toSummary(row, tierNames);
    const last = rows.at(-1);
    if (rows.length < batchSize || !last) return;
    position = positionOf(last, query.sort);
  }
}

/** The tiers of the program in force (the tier filter's choices), by id. */
export async function currentTierNamesForShop(database: AppDatabase, shopDomain: string, now: Date): Promise<Map<string, string>> {
  const shop = await findShop(database.db, shopDomain);
  return shop ? currentTierNames(database, shop.id, now) : new Map();
}

async function currentTierNames(database: AppDatabase, shopId: number, now: Date): Promise<Map<string, string>> {
  const program = currentProgramVersion(await listProgramVersions(database.db, shopId), now);
  return new Map((program?.rules.tiers.levels ?? []).map((level) => [level.id, level.name]));
}

function toSummary(row: MemberListRow, tierNames: ReadonlyMap<string, string>): MemberSummary {
  return {
    id: row.id,
    customerGid: row.customerGid,
    name: displayName(row),
    email: row.email,
    tierId: row.tierId,
    tierName: row.tierId === null ? null : (tierNames.get(row.tierId) ?? row.tierId),
    available: row.pointsAvailable,
    pending: row.pointsPending,
    lifetime: row.pointsLifetime,
    orders: row.orderCount,
    lastOrderAt: row.lastOrderAt,
    enrolledAt: row.enrolledAt,
  };
}

export type { MemberSortKey, SortDirection };
