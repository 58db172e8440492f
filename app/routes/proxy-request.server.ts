import { authenticate } from "~/shopify.server";
import { NO_STORE } from "~/shopify/authenticate-guards.server";
import { proxyIdentity, type ShopperIdentity } from "~/shopify/session-identity.server";

export { NO_STORE };

/**
 * Verifies Shopify's app proxy signature and returns the shop and the logged-in customer
 * (Shopify's `logged_in_customer_id`, never our own parameter). A bad signature is 401 and
 * a malformed `shop` 400, with a reason (authenticate.public.appProxy in app/shopify.server.ts).
 */
export async function verifiedProxyIdentity(request: Request): Promise<ShopperIdentity> {
  await authenticate.public.appProxy(request);
  const identity = proxyIdentity(new URL(request.url));
  if (!identity) throw Response.json({ error: "invalid_shop", messageKey: "errors.invalid_signature", params: {} }, { status: 400, headers: NO_STORE });
  return identity;
}
