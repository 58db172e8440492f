/**
 * A shop's permanent domain exactly as Shopify sends it (webhook `X-Shopify-Shop-Domain`,
 * the app proxy's `shop`, a session token's `dest`): `<name>.myshopify.com`, lower case.
 * Shopify's library also accepts upper case and other Shopify hosts, and throws on
 * anything else (a trailing dot, evil.example.com): Wafa checks this first, so a signed
 * request with any other domain is a 4xx, never a 500 or a tenant keyed by a variant.
 */
export const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

export const isShopDomain = (value: unknown): value is string => typeof value === "string" && SHOP_DOMAIN.test(value);
