import { sql } from "kysely";
import type { AppDatabase } from "../db/database.server";
import type { ProgramVersion } from "../loyalty/program/program";
import { listProgramVersions } from "../repositories/program-versions.server";
import { findShop, type ShopRecord } from "../repositories/shops.server";

export type ProgramOverview = {
  readonly shop: Pick<ShopRecord, "domain" | "name" | "currencyCode" | "countTestOrders" | "installedAt">;
  readonly program: ProgramVersion | null;
  readonly stats: { readonly members: number; readonly pointsAvailable: number; readonly pointsLifetime: number; readonly orders: number };
};

/** The home page: the program in force and the program's totals. */
export async function getProgramOverview(database: AppDatabase, shopDomain: string): Promise<ProgramOverview | null> {
  const shop = await findShop(database.db, shopDomain);
  if (!shop) return null;
  const versions = await listProgramVersions(database.db, shop.id);
  const [members, orders] = await Promise.all([
    database.db
      .selectFrom("Customer")
      .select((eb) => [
        eb.fn.countAll<number>().as("members"),
        eb.fn.coalesce(eb.fn.sum<number>("pointsAvailable"), sql<number>`0`).as("available"),
        eb.fn.coalesce(eb.fn.sum<number>("pointsLifetime"), sql<number>`0`).as("lifetime"),
      ])
      .where("shopId", "=", shop.id)
      .where("enrolledAt", "is not", null)
      .executeTakeFirstOrThrow(),
    database.db.selectFrom("Order").select((eb) => eb.fn.countAll<number>().as("orders")).where("shopId", "=", shop.id).executeTakeFirstOrThrow(),
  ]);
  return {
    shop: { domain: shop.domain, name: shop.name, currencyCode: shop.currencyCode, countTestOrders: shop.countTestOrders, installedAt: shop.installedAt },
    program: versions.at(-1) ?? null,
    stats: { members: Number(members.members), pointsAvailable: Number(members.available), pointsLifetime: Number(members.lifetime), orders: Number(orders.orders) },
  };
}

export type MemberRow = {
  readonly id: number;
  readonly customerGid: string;
  readonly name: string;
  readonly email: string | null;
  readonly available: number;
  readonly lifetime: number;
  readonly enrolledAt: Date;
};

export type MemberPage = {
  readonly members: readonly MemberRow[];
  /** Pass as `after` for the next (older) page, or `before` for the previous (newer) one. */
  readonly nextCursor: number | null;
  readonly previousCursor: number | null;
};

/**
 * Members, newest first, `limit` at a time. Keyset pagination (`after` = the last id
 * seen) stays fast however many members a shop has; search matches email or name.
 */
export async function listMembers(
  database: AppDatabase,
  shopDomain: string,
  options: { search?: string; after?: number; before?: number; limit?: number } = {},
): Promise<MemberPage> {
  const shop = await findShop(database.db, shopDomain);
  if (!shop) return { members: [], nextCursor: null, previousCursor: null };
  const backwards = options.before !== undefined;
  const limit = Math.min(Math.max(options.limit ?? 25, 1), 100);
  let query = database.db
    .selectFrom("Customer")
    .select(["id", "customerGid", "firstName", "lastName", "email", "pointsAvailable", "pointsLifetime", "enrolledAt"])
    .where("shopId", "=", shop.id)
    .where("enrolledAt", "is not", null)
    .orderBy("id", backwards ? "asc" : "desc")
    .limit(limit + 1);
  if (options.before !== undefined) query = query.where("id", ">", options.before);
  else if (options.after !== undefined) query = query.where("id", "<", options.after);
  const search = options.search?.trim().toLowerCase();
  if (search) {
    const pattern = `%${search.replace(/[\\%_]/g, (match) => `\\${match}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(coalesce("email", ''))`, "like", sql`${pattern} escape '\\'`),
        eb(sql`lower(coalesce("firstName", '') || ' ' || coalesce("lastName", ''))`, "like", sql`${pattern} escape '\\'`),
      ]),
    );
  }
  const rows = await query.execute();
  const more = rows.length > limit;
  const page = backwards ? rows.slice(0, limit).reverse() : rows.slice(0, limit);
  return {
    members: page.map((row) => ({
      id: row.id,
      customerGid: row.customerGid,
      name: [row.firstName, row.lastName].filter(Boolean).join(" ") || (row.customerGid.startsWith("redacted:") ? "Redacted customer" : "Unnamed customer"),
      email: row.email,
      available: row.pointsAvailable,
      lifetime: row.pointsLifetime,
      enrolledAt: row.enrolledAt ?? new Date(0),
    })),
    nextCursor: (backwards ? options.before !== undefined : more) ? (page.at(-1)?.id ?? null) : null,
    previousCursor: (backwards ? more : options.after !== undefined) ? (page[0]?.id ?? null) : null,
  };
}
