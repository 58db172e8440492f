import { InvalidShopError } from "@shopify/shopify-api";
import { adminIdentity, extensionIdentity, type ShopperIdentity } from "./session-identity.server";
import { isShopDomain } from "./shop-domain";

/**
 * Checks Wafa adds around Shopify's `authenticate.*` (app/shopify.server.ts wraps them once,
 * so no route can forget one): what the library accepts that it should not, and what it
 * answers with a 500 that is the caller's mistake.
 */

type Cors = (response: Response) => Response;

/** Where the library reads an admin session token: the Authorization header, else `id_token`. */
function sessionTokenOf(request: Request): string | null {
  return request.headers.get("authorization")?.replace("Bearer ", "") || new URL(request.url).searchParams.get("id_token");
}

/** A JWT's claims, unverified (the library verifies the signature next), or null when it is not one. */
function claimsOf(token: string): unknown {
  const payload = token.split(".")[1];
  if (!payload) return null;
  try {
    return JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return null;
  }
}

/**
 * authenticate.admin accepts any unexpired token signed with the app secret, so a checkout
 * or customer account token (a customer gid or no `sub`, a bare `dest`) would be exchanged
 * for admin access. Before the library sees it (and before any token exchange), a token
 * that is not shaped like an admin session token is refused with 401. Tokens that do not
 * decode, and requests without one, are left to the library (bounce page, 401).
 */
export function adminSessionTokensOnly<Context>(authenticateAdmin: (request: Request) => Promise<Context>, apiKey: string) {
  return async (request: Request): Promise<Context> => {
    const token = sessionTokenOf(request);
    const claims = token ? claimsOf(token) : null;
    if (claims !== null && !adminIdentity(claims, { apiKey, now: new Date() })) {
      throw Response.json({ error: "invalid_session_token", message: "Only a Shopify admin session token opens the admin." }, { status: 401 });
    }
    return authenticateAdmin(request);
  };
}

/** The extensions call from Shopify's CDN: a refusal they cannot read would look like a network error. */
const extensionRefusal = () =>
  Response.json({ error: "invalid_session_token" }, { status: 401, headers: { "Access-Control-Allow-Origin": "*", "Access-Control-Allow-Headers": "Authorization, Content-Type" } });

/**
 * authenticate.public.checkout / customerAccount verify the signature but not the audience
 * (`checkAudience: false`) nor that an expiry exists: every documented claim is checked
 * here, and the route gets the shopper the token names. Every refusal (no token, a bad
 * signature, an expired one: the library's empty 401s; a claim that does not hold) is the
 * same 401 with CORS headers, so the extension can read it.
 */
export function extensionSessionTokensOnly<Context extends { sessionToken: unknown; cors: Cors }, Options>(
  authenticateExtension: (request: Request, options?: Options) => Promise<Context>,
  apiKey: string,
) {
  return async (request: Request, options?: Options): Promise<Context & { shopper: ShopperIdentity }> => {
    let context: Context;
    try {
      context = await authenticateExtension(request, options);
    } catch (error) {
      if (error instanceof Response && error.status === 401) throw extensionRefusal();
      throw error;
    }
    const shopper = extensionIdentity(context.sessionToken, { apiKey, now: new Date() });
    if (!shopper) throw extensionRefusal();
    return { ...context, shopper };
  };
}

/**
 * The library checks a signature first, then throws InvalidShopError (a 500) for a shop
 * its pattern refuses (a trailing dot, evil.example.com) and accepts variants Shopify never
 * sends (upper case). Either way the request names no installed shop: `refuse` answers it.
 */
async function shopDomainChecked<Context>(authenticated: () => Promise<Context>, shopOf: (context: Context) => unknown, refuse: () => Response): Promise<Context> {
  let context: Context;
  try {
    context = await authenticated();
  } catch (error) {
    if (error instanceof InvalidShopError) throw refuse();
    throw error;
  }
  if (!isShopDomain(shopOf(context))) throw refuse();
  return context;
}

/**
 * Webhooks: a bad HMAC stays 401 (checked first); a signed delivery for a shop domain
 * Shopify never sends is 400 with nothing written. Shopify retries every non-2xx answer
 * (8 times over 4 hours), which cannot change this one, and no shop exists to park a dead
 * letter under; a 2xx would tell Shopify's delivery metrics a malformed request succeeded.
 */
export function webhookShopDomainChecked<Context extends { shop: string }>(authenticateWebhook: (request: Request) => Promise<Context>) {
  return (request: Request): Promise<Context> =>
    shopDomainChecked(() => authenticateWebhook(request), (context) => context.shop, () => new Response("Invalid shop domain", { status: 400 }));
}

/** The storefront's answers are per shopper: never cached by Shopify's proxy or the browser. */
export const NO_STORE = { "Cache-Control": "private, no-store" } as const;

const proxyRefusal = (error: string, status: number) => Response.json({ error, messageKey: "errors.invalid_signature", params: {} }, { status, headers: NO_STORE });

/**
 * The app proxy: the library answers a bad signature with an empty 400; every proxy route
 * answers 401 with a reason instead (the request is unauthenticated, not malformed), and a
 * signed request whose `shop` is not a shop domain 400.
 */
export function appProxyChecked<Context>(authenticateAppProxy: (request: Request) => Promise<Context>) {
  return async (request: Request): Promise<Context> => {
    const shop = new URL(request.url).searchParams.get("shop");
    const signed = async () => {
      try {
        return await authenticateAppProxy(request);
      } catch (error) {
        if (error instanceof Response && error.status === 400) throw proxyRefusal("invalid_signature", 401);
        throw error;
      }
    };
    return shopDomainChecked(signed, () => shop, () => proxyRefusal("invalid_shop", 400));
  };
}
