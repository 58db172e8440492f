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

// The home page's members list is the members list's first page: see ./members/list-members.server.ts.
