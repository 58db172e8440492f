import type { AdminGraphql } from "./shop-details.server";

/** How services reach a shop's Admin API; tests pass one that simulates Shopify's edge. */
export type AdminForShop = (shopDomain: string) => Promise<AdminGraphql>;

/**
 * The shop's Admin API through its offline session, for work that outlives a request (jobs,
 * webhooks, the history import). shopify.server is imported when first needed: it imports
 * modules that import this one, and tests of the services need no Shopify configuration.
 */
export const offlineAdminFor: AdminForShop = async (shopDomain) => {
  const { unauthenticated } = await import("../../shopify.server");
  return (await unauthenticated.admin(shopDomain)).admin;
};
