import type { AppDatabase } from "../db/database.server";
import { inTransaction } from "../db/transaction.server";
import { enrollmentFromSignup } from "../loyalty/members/membership";
import { enrollCustomer, upsertCustomer, type CustomerFacts } from "../repositories/customers.server";
import { listProgramVersions } from "../repositories/program-versions.server";
import { findShop, isInstalled } from "../repositories/shops.server";

export type RecordCustomerResult = { readonly status: "shop_not_installed" } | { readonly status: "recorded"; readonly enrolled: boolean };

/**
 * customers/create and customers/update: keep the newest personal data; customers/create
 * enrols the customer (a member from sign-up, with Shopify's new customer accounts too).
 */
export async function recordCustomer(
  database: AppDatabase,
  shopDomain: string,
  facts: CustomerFacts,
  meta: { topic: "customers/create" | "customers/update"; receivedAt: Date },
): Promise<RecordCustomerResult> {
  return inTransaction(database, async (tx) => {
    const shop = await findShop(tx, shopDomain);
    if (!isInstalled(shop)) return { status: "shop_not_installed" } as const;
    const customer = await upsertCustomer(tx, shop.id, facts, meta.receivedAt);
    if (meta.topic !== "customers/create" || customer.redacted) return { status: "recorded", enrolled: false } as const;
    const enrollment = enrollmentFromSignup(facts.shopifyCreatedAt ?? meta.receivedAt, await listProgramVersions(tx, shop.id));
    if (enrollment) await enrollCustomer(tx, customer.id, enrollment, meta.receivedAt);
    return { status: "recorded", enrolled: enrollment !== null } as const;
  });
}
