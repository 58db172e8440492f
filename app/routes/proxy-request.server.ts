import { authenticate } from "~/shopify.server";
import { proxyIdentity, type ShopperIdentity } from "~/shopify/session-identity.server";

/** The panel's reads and writes are per shopper: never cached by Shopify's proxy or the browser. */
export const NO_STORE = { "Cache-Control": "private, no-store" } as const;

/**
 * Verifies Shopify's app proxy signature and returns the shop and the logged-in customer
 * (Shopify's `logged_in_customer_id`, never our own parameter). The library answers a bad
 * signature with an empty 400; the storefront endpoints answer 401 with a reason instead,
 * since the request is unauthenticated, not malformed.
 */
export async function verifiedProxyIdentity(request: Request): Promise<ShopperIdentity> {
  try {
    await authenticate.public.appProxy(request);
  } catch (error) {
    if (error instanceof Response && error.status === 400) {
      throw Response.json({ error: "invalid_signature", messageKey: "errors.invalid_signature", params: {} }, { status: 401, headers: NO_STORE });
    }
    throw error;
  }
  const identity = proxyIdentity(new URL(request.url));
  if (!identity) throw Response.json({ error: "missing_shop", messageKey: "errors.invalid_signature", params: {} }, { status: 400, headers: NO_STORE });
  return identity;
}
