import type { AdminForShop } from "../sync-member-tiers.server";

/** The shop's Admin API through its offline session (imported when first needed, so tests of the services need no Shopify configuration). */
export const shopifyAdminFor: AdminForShop = async (shopDomain) => {
  const { unauthenticated } = await import("../../shopify.server");
  return (await unauthenticated.admin(shopDomain)).admin;
};
