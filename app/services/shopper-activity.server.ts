import type { AppDatabase } from "../db/database.server";
import type { JournalKind } from "../loyalty/ledger/ledger";
import { customerLedger } from "../repositories/ledger.server";
import { findCustomer } from "../repositories/customers.server";
import { findShop, isInstalled } from "../repositories/shops.server";

/** One line of a shopper's points history, as the customer account page shows it. */
export type ShopperHistoryEntry = { readonly at: string; readonly kind: JournalKind; readonly points: number; readonly orderName: string | null };

/** How many entries a shopper surface shows (the admin's member page pages through all). */
export const SHOPPER_HISTORY_LIMIT = 50;

/**
 * A member's own points history for GET /api/history: each journal's effect on their
 * balance, newest first, with the order's name ("#1001") where an order is behind it.
 * Internal moves that leave the shopper's balance unchanged (e.g. pending → available
 * shows as the earn it completes) are left out. A non-member has no history.
 */
export async function getShopperHistory(database: AppDatabase, shopDomain: string, customerGid: string): Promise<readonly ShopperHistoryEntry[]> {
  const shop = await findShop(database.db, shopDomain);
  if (!isInstalled(shop)) return [];
  const customer = await findCustomer(database.db, shop.id, customerGid);
  if (!customer || customer.enrolledAt === null || customer.customerGid !== customerGid) return [];
  const entries = (await customerLedger(database.db, shop.id, customer.id, SHOPPER_HISTORY_LIMIT * 2)).filter((entry) => entry.points !== 0).slice(0, SHOPPER_HISTORY_LIMIT);
  const orderGids = [...new Set(entries.flatMap((entry) => (entry.orderGid ? [entry.orderGid] : [])))];
  const names = orderGids.length === 0
    ? new Map<string, string | null>()
    : new Map((await database.db.selectFrom("Order").select(["orderGid", "name"]).where("shopId", "=", shop.id).where("orderGid", "in", orderGids).execute()).map((row) => [row.orderGid, row.name]));
  return entries.map((entry) => ({ at: entry.occurredAt.toISOString(), kind: entry.kind, points: entry.points, orderName: entry.orderGid ? (names.get(entry.orderGid) ?? null) : null }));
}

export type ShopperOrderPoints = { readonly points: number; readonly status: "pending" | "available" | "not_recorded" };

/**
 * What one order earns its shopper, for the thank-you and order status pages. The page
 * knows the order by an `OrderIdentity` GID on the thank-you page and an `Order` GID on
 * order status; both carry the order's id. Only the order's own customer sees its points:
 * anyone else (or a webhook not yet arrived) reads "not recorded".
 */
export async function getShopperOrderPoints(database: AppDatabase, shopDomain: string, customerGid: string, orderGid: string, now: Date): Promise<ShopperOrderPoints> {
  const notRecorded: ShopperOrderPoints = { points: 0, status: "not_recorded" };
  const id = /^gid:\/\/shopify\/(?:Order|OrderIdentity)\/(\d+)$/.exec(orderGid)?.[1];
  if (!id) return notRecorded;
  const shop = await findShop(database.db, shopDomain);
  if (!isInstalled(shop)) return notRecorded;
  const row = await database.db
    .selectFrom("Order as o")
    .innerJoin("Customer as c", "c.id", "o.customerId")
    .select(["o.points", "o.pendingUntil", "c.customerGid"])
    .where("o.shopId", "=", shop.id)
    .where("o.orderGid", "=", `gid://shopify/Order/${id}`)
    .executeTakeFirst();
  if (!row || row.customerGid !== customerGid) return notRecorded;
  const points = Number(row.points);
  const pending = row.pendingUntil !== null && row.pendingUntil.getTime() > now.getTime();
  return { points, status: pending ? "pending" : "available" };
}
