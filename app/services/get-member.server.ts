import type { AppDatabase } from "../db/database.server";
import { findMemberBalance } from "../repositories/customers.server";
import { findShop } from "../repositories/shops.server";

/** What every shopper surface shows: GET /api/member and the app proxy. */
export type MemberView = {
  readonly member: boolean;
  readonly customerId: string;
  readonly points: { readonly available: number; readonly pending: number; readonly lifetime: number };
  /** Tiers arrive with the program designer; until then no program has any. */
  readonly tier: null;
};

export async function getMember(database: AppDatabase, shopDomain: string, customerGid: string): Promise<MemberView> {
  const shop = await findShop(database.db, shopDomain);
  const balance = shop ? await findMemberBalance(database.db, shop.id, customerGid) : null;
  return {
    member: balance?.member ?? false,
    customerId: customerGid,
    points: { available: balance?.available ?? 0, pending: balance?.pending ?? 0, lifetime: balance?.lifetime ?? 0 },
    tier: null,
  };
}
