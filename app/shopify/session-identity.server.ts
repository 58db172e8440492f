import { z } from "zod";
import { toGid } from "./payloads/common";

export type ShopperIdentity = { readonly shop: string; readonly customerGid: string | null };

const MYSHOPIFY = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;
const ExtensionClaims = z.object({
  dest: z.string(),
  sub: z.string().regex(/^gid:\/\/shopify\/Customer\/\d+$/).optional(),
});

/** Shop and customer from a verified extension session token (`dest` and `sub`). */
export function extensionIdentity(claims: unknown): ShopperIdentity | null {
  const parsed = ExtensionClaims.safeParse(claims);
  if (!parsed.success) return null;
  const shop = parsed.data.dest.replace(/^https:\/\//, "").replace(/\/$/, "");
  if (!MYSHOPIFY.test(shop)) return null;
  return { shop, customerGid: parsed.data.sub ?? null };
}

/** Shop and customer from an app proxy request Shopify has signed. */
export function proxyIdentity(url: URL): ShopperIdentity | null {
  const shop = url.searchParams.get("shop") ?? "";
  if (!MYSHOPIFY.test(shop)) return null;
  const customer = url.searchParams.get("logged_in_customer_id") ?? "";
  return { shop, customerGid: /^\d+$/.test(customer) ? toGid("Customer", customer) : null };
}
