import { z } from "zod";
import { toGid } from "./payloads/common";
import { isShopDomain } from "./shop-domain";

export type ShopperIdentity = { readonly shop: string; readonly customerGid: string | null };
export type StaffIdentity = { readonly shop: string; readonly staffId: string };

/**
 * Shopify's libraries allow 10 s of clock skew on a session token's `exp` and `nbf`
 * (`JWT_PERMITTED_CLOCK_TOLERANCE` in @shopify/shopify-api, `JWT_LEEWAY` in shopify_api).
 */
export const CLOCK_TOLERANCE_SECONDS = 10;

type TokenCheck = { readonly apiKey: string; readonly now: Date };

const NumericDate = z.number().finite();
const CUSTOMER_GID = /^gid:\/\/shopify\/Customer\/\d+$/;

/** Minted for this app (`aud`), already active (`nbf`) and not yet expired (`exp`, required). */
function validFor(claims: { aud: string; exp: number; nbf: number }, check: TokenCheck): boolean {
  const now = check.now.getTime() / 1000;
  return claims.aud === check.apiKey && claims.exp > now - CLOCK_TOLERANCE_SECONDS && claims.nbf <= now + CLOCK_TOLERANCE_SECONDS;
}

const AdminClaims = z.object({
  iss: z.string(),
  dest: z.string(),
  aud: z.string(),
  sub: z.string().regex(/^\d+$/),
  exp: NumericDate,
  nbf: NumericDate,
});

/**
 * The shop and staff member of an admin session token (App Bridge, signed with the app
 * secret), or null for any other token. Shopify documents the admin token's claims as
 * `iss` https://<shop>/admin, `dest` https://<shop>, `aud` the client id and `sub` the
 * staff User's numeric id (shopify.dev, "About session tokens", Anatomy of a session
 * token). Checkout and customer account extension tokens are signed with the same secret
 * but carry a customer gid (or no `sub`) and a bare `dest`: they must never open the admin.
 * The signature is the library's to check; this is the shape.
 */
export function adminIdentity(claims: unknown, check: TokenCheck): StaffIdentity | null {
  const parsed = AdminClaims.safeParse(claims);
  if (!parsed.success || !validFor(parsed.data, check)) return null;
  const shop = parsed.data.dest.startsWith("https://") ? parsed.data.dest.slice("https://".length) : "";
  if (!isShopDomain(shop) || parsed.data.iss !== `https://${shop}/admin`) return null;
  return { shop, staffId: parsed.data.sub };
}

const ExtensionClaims = z.object({
  dest: z.string(),
  aud: z.string(),
  exp: NumericDate,
  nbf: NumericDate,
  iss: z.string().optional(),
  sub: z.string().regex(CUSTOMER_GID).optional(),
});

/** The host an `iss` or `dest` names, with or without a scheme and path. */
const hostOf = (value: string) => value.replace(/^https:\/\//, "").replace(/\/.*$/, "");

/**
 * Shop and customer from a checkout or customer account extension's session token, or
 * null unless every claim Shopify documents for it holds: `dest` the shop, `aud` this
 * app's client id, `exp` present and in the future, `nbf` passed (both with the libraries'
 * tolerance), `sub` a customer gid when present (shopify.dev, checkout-ui-extensions
 * Session Token API). The library checks the signature but neither the audience nor that
 * an expiry exists. An `iss`, when Shopify sends one, must name the same shop.
 */
export function extensionIdentity(claims: unknown, check: TokenCheck): ShopperIdentity | null {
  const parsed = ExtensionClaims.safeParse(claims);
  if (!parsed.success || !validFor(parsed.data, check)) return null;
  const shop = parsed.data.dest.replace(/^https:\/\//, "").replace(/\/$/, "");
  if (!isShopDomain(shop)) return null;
  if (parsed.data.iss !== undefined && hostOf(parsed.data.iss) !== shop) return null;
  return { shop, customerGid: parsed.data.sub ?? null };
}

/** Shop and customer from an app proxy request Shopify has signed. */
export function proxyIdentity(url: URL): ShopperIdentity | null {
  const shop = url.searchParams.get("shop") ?? "";
  if (!isShopDomain(shop)) return null;
  const customer = url.searchParams.get("logged_in_customer_id") ?? "";
  return { shop, customerGid: /^\d+$/.test(customer) ? toGid("Customer", customer) : null };
}
