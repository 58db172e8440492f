import type { AppDatabase } from "../db/database.server";
import { inTransaction } from "../db/transaction.server";
import { enrollmentFromSignup } from "../loyalty/members/membership";
import { signupBonus } from "../loyalty/members/signup-bonus";
import { enrollCustomer, upsertCustomer, type CustomerFacts } from "../repositories/customers.server";
import { appendJournals } from "../repositories/ledger.server";
import { listProgramVersions } from "../repositories/program-versions.server";
import { findShop, isInstalled } from "../repositories/shops.server";
import { evaluateMemberTier } from "./evaluate-member-tier.server";

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
    const versions = await listProgramVersions(tx, shop.id);
    const enrollment = enrollmentFromSignup(facts.shopifyCreatedAt ?? meta.receivedAt, versions);
    if (!enrollment) return { status: "recorded", enrolled: false } as const;
    await enrollCustomer(tx, customer.id, enrollment, meta.receivedAt);
    // Signing up earns the sign-up bonus at once (Shopify's new customer accounts create the
    // customer before any order); its key makes it once-only whichever path enrols first.
    if (customer.enrolledAt !== null) return { status: "recorded", enrolled: true } as const;
    const bonus = signupBonus(customer.key, enrollment, versions, `webhook:${meta.topic}`);
    if (bonus) await appendJournals(tx, shop.id, [bonus], new Map([[customer.key, customer.id]]), meta.receivedAt, { ifAbsent: true });
    // A new member may qualify at once: a first tier from 0, or a points tier the bonus reaches.
    await evaluateMemberTier(tx, shop, versions, customer.id, meta.receivedAt, `webhook:${meta.topic}`);
    return { status: "recorded", enrolled: true } as const;
  });
}
