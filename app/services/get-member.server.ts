import type { AppDatabase } from "../db/database.server";
import { findMemberBalanceAtShop } from "../repositories/customers.server";

/** What every shopper surface shows: GET /api/member and the app proxy. */
export type MemberView = {
  readonly member: boolean;
  readonly customerId: string;
  readonly points: { readonly available: number; readonly pending: number; readonly lifetime: number };
  /** Tiers arrive with the program designer; until then no program has any. */
  readonly tier: null;
};

export async function getMember(database: AppDatabase, shopDomain: string, customerGid: string): Promise<MemberView> {
  const balance = await findMemberBalanceAtShop(database.db, shopDomain, customerGid);
  return {
    member: balance.member,
    customerId: customerGid,
    points: { available: balance.available, pending: balance.pending, lifetime: balance.lifetime },
    tier: null,
  };
}
