import { createHmac, timingSafeEqual } from "node:crypto";
import { abstractFetch, setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { z } from "zod";
import type { ServerEnv } from "../env.server";
import { adminIdentity } from "../shopify/session-identity.server";
import { SANDBOX_STAFF_ID, verifyJwt } from "./session-token.server";
import { sandboxRuntime } from "./runtime.server";
import { SANDBOX_TIME_ZONE } from "./store/time";
import { bulkOperationNode, runBulkQuery } from "./admin/bulk-operations";
import { discountCodeBasicCreate, discountCodeDelete, metafieldsSet, storeCreditAccountCredit } from "./admin/redemption-operations";
import { simulateMetafieldsSet, simulateTagsAdd, simulateTagsRemove } from "./admin/customer-sync";
import { simulateShopId, simulateShopMetafieldsSet } from "./admin/shop-metafields";
import { simulateSegmentMetafieldsDelete, simulateSegmentMetafieldsSet } from "./admin/segment-export";
import { simulateAppDiscountById, simulateAppDiscountCreate, simulateAppDiscountSearch, simulateAppDiscountUpdate } from "./admin/app-discount";

/**
 * The sandbox replaces Shopify's network edge, and only that: requests the Shopify
 * libraries make to https://<shop>.myshopify.com (OAuth token exchange and refresh, Admin
 * GraphQL) are answered in-process; the libraries and Wafa's code run unchanged.
 * Never active when NODE_ENV=production.
 */
export function sandboxEnabled(env: Pick<ServerEnv, "WAFA_SANDBOX" | "NODE_ENV">): boolean {
  return env.WAFA_SANDBOX && env.NODE_ENV !== "production";
}

/**
 * How the sandbox shop is installed: as if Wafa had been installed when the demo store's
 * history begins (so its orders earn points); null for any other shop.
 */
export function sandboxInstallFor(shop: string, env: ServerEnv): { programStart: Date } | null {
  return sandboxEnabled(env) && shop === env.SANDBOX_SHOP ? { programStart: sandboxRuntime().historyStart } : null;
}

let installed = false;

export function installSandboxShopifyEdge(env: ServerEnv): void {
  if (!sandboxEnabled(env)) throw new Error("the sandbox cannot be switched on when NODE_ENV=production");
  if (installed) return;
  installed = true;
  const networkFetch = abstractFetch;
  setAbstractFetchFunc(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (!url.hostname.endsWith(".myshopify.com")) return networkFetch(input, init);
    return simulateShopify(env, url, init);
  });
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

export async function simulateShopify(env: ServerEnv, url: URL, init?: RequestInit): Promise<Response> {
  const shop = url.hostname;
  if (url.pathname === "/admin/oauth/access_token" && init?.method === "POST") {
    return tokenEndpoint(env, shop, JSON.parse(String(init.body ?? "{}")));
  }
  const graphql = /^\/admin\/api\/([^/]+)\/graphql\.json$/.exec(url.pathname);
  if (graphql && init?.method === "POST") {
    const token = new Headers(init.headers).get("X-Shopify-Access-Token") ?? "";
    if (!verifyAccessToken(env, shop, token)) return json(401, { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" });
    return graphqlEndpoint(shop, JSON.parse(String(init.body ?? "{}")));
  }
  return json(404, { errors: `sandbox: ${init?.method ?? "GET"} ${url.pathname} is not simulated` });
}

const TOKEN_LIFETIME_SECONDS = 3600;
const REFRESH_LIFETIME_SECONDS = 90 * 24 * 3600;

const TokenRequest = z.discriminatedUnion("grant_type", [
  z.object({
    grant_type: z.literal("urn:ietf:params:oauth:grant-type:token-exchange"),
    client_id: z.string(),
    client_secret: z.string(),
    subject_token: z.string(),
    requested_token_type: z.string(),
    expiring: z.enum(["0", "1"]).optional(),
  }),
  z.object({ grant_type: z.literal("refresh_token"), client_id: z.string(), client_secret: z.string(), refresh_token: z.string() }),
]);

/** Shopify's answer to a subject token it will not exchange (400, OAuth's error shape). */
export const INVALID_SUBJECT_TOKEN = { error: "invalid_subject_token", error_description: "Token exchange cannot be performed due to an invalid subject token." } as const;

function tokenEndpoint(env: ServerEnv, shop: string, body: unknown): Response {
  const request = TokenRequest.safeParse(body);
  if (!request.success) return json(400, { error: "invalid_request" });
  if (request.data.client_id !== env.SHOPIFY_API_KEY || request.data.client_secret !== env.SHOPIFY_API_SECRET) {
    return json(401, { error: "invalid_client" });
  }
  const nowSeconds = Math.floor(Date.now() / 1000);
  if (request.data.grant_type === "refresh_token") {
    if (!verifySandboxToken(env, shop, "shprt", request.data.refresh_token, nowSeconds)) return json(400, { error: "invalid_grant" });
  } else {
    // Shopify exchanges only an admin session token of this shop, for this app, unexpired.
    const claims = verifyJwt(request.data.subject_token, env.SHOPIFY_API_SECRET);
    const staff = claims && adminIdentity(claims, { apiKey: env.SHOPIFY_API_KEY, now: new Date() });
    if (!staff || staff.shop !== shop) return json(400, INVALID_SUBJECT_TOKEN);
    if (request.data.requested_token_type === "urn:shopify:params:oauth:token-type:online-access-token") {
      return json(200, onlineToken(env, shop, staff.staffId, nowSeconds));
    }
    if (request.data.requested_token_type !== "urn:shopify:params:oauth:token-type:offline-access-token") {
      return json(400, { error: "invalid_request" });
    }
    if (request.data.expiring !== "1") {
      return json(200, { access_token: issueSandboxToken(env, shop, "shpat", nowSeconds + 10 * 365 * 24 * 3600), scope: env.SCOPES });
    }
  }
  return json(200, {
    access_token: issueSandboxToken(env, shop, "shpat", nowSeconds + TOKEN_LIFETIME_SECONDS),
    scope: env.SCOPES,
    expires_in: TOKEN_LIFETIME_SECONDS,
    refresh_token: issueSandboxToken(env, shop, "shprt", nowSeconds + REFRESH_LIFETIME_SECONDS),
    refresh_token_expires_in: REFRESH_LIFETIME_SECONDS,
  });
}

/** Online (per-staff) tokens last a day in Shopify; the sandbox's staff member is its shop owner. */
const ONLINE_TOKEN_LIFETIME_SECONDS = 24 * 3600;

function onlineToken(env: ServerEnv, shop: string, staffId: string, nowSeconds: number) {
  const staff = SANDBOX_STAFF[staffId] ?? { first_name: "Staff", last_name: staffId, email: `staff-${staffId}@example.com`, account_owner: false };
  return {
    access_token: issueSandboxToken(env, shop, "shpua", nowSeconds + ONLINE_TOKEN_LIFETIME_SECONDS),
    scope: env.SCOPES,
    expires_in: ONLINE_TOKEN_LIFETIME_SECONDS,
    associated_user_scope: env.SCOPES,
    associated_user: { id: Number(staffId), ...staff, email_verified: true, locale: "en", collaborator: false },
  };
}

const SANDBOX_STAFF: Record<string, { first_name: string; last_name: string; email: string; account_owner: boolean }> = {
  [SANDBOX_STAFF_ID]: { first_name: "Layla", last_name: "Haddad", email: "layla@wafa-sandbox.example", account_owner: true },
};

/** Sandbox tokens carry their expiry and an HMAC with the app secret, so they survive restarts. */
function issueSandboxToken(env: ServerEnv, shop: string, prefix: SandboxTokenPrefix, expiresAt: number): string {
  return `${prefix}_sandbox_${expiresAt}_${tokenMac(env, shop, prefix, expiresAt)}`;
}

function tokenMac(env: ServerEnv, shop: string, prefix: string, expiresAt: number): string {
  return createHmac("sha256", env.SHOPIFY_API_SECRET).update(`${prefix}:${shop}:${expiresAt}`).digest("hex").slice(0, 32);
}

function verifySandboxToken(env: ServerEnv, shop: string, prefix: SandboxTokenPrefix, token: string, nowSeconds: number): boolean {
  const match = new RegExp(`^${prefix}_sandbox_(\\d+)_([0-9a-f]{32})$`).exec(token);
  if (!match?.[1] || !match[2]) return false;
  const expiresAt = Number(match[1]);
  const expected = Buffer.from(tokenMac(env, shop, prefix, expiresAt));
  return expiresAt > nowSeconds && timingSafeEqual(expected, Buffer.from(match[2]));
}

type SandboxTokenPrefix = "shpat" | "shprt" | "shpua";

/** Offline (shpat) and online (shpua) access tokens both call the Admin API. */
function verifyAccessToken(env: ServerEnv, shop: string, token: string): boolean {
  const nowSeconds = Math.floor(Date.now() / 1000);
  return verifySandboxToken(env, shop, "shpat", token, nowSeconds) || verifySandboxToken(env, shop, "shpua", token, nowSeconds);
}

const GraphqlRequest = z.object({ query: z.string(), variables: z.record(z.string(), z.unknown()).optional() });

/** The Admin GraphQL operations Wafa makes, simulated exactly; anything else is an error. */
const OPERATIONS: Record<string, (shop: string, variables: Record<string, unknown>) => unknown> = {
  WafaShopDetails: () => {
    const runtime = sandboxRuntime();
    return { shop: { name: runtime.shopName, currencyCode: runtime.currency, ianaTimezone: SANDBOX_TIME_ZONE } };
  },
  WafaRunBulkQuery: (_shop, variables) => runBulkQuery(variables),
  WafaBulkOperation: (_shop, variables) => bulkOperationNode(variables),
  WafaReservationMetafieldsSet: (_shop, variables) => metafieldsSet(variables),
  WafaRedemptionCodeCreate: (_shop, variables) => discountCodeBasicCreate(variables),
  WafaRedemptionCodeDelete: (_shop, variables) => discountCodeDelete(variables),
  WafaStoreCreditCredit: (_shop, variables) => storeCreditAccountCredit(variables),
  WafaCustomerTagsAdd: simulateTagsAdd,
  WafaCustomerTagsRemove: simulateTagsRemove,
  WafaCustomerMetafieldsSet: simulateMetafieldsSet,
  WafaShopId: simulateShopId,
  WafaShopMetafieldsSet: simulateShopMetafieldsSet,
  WafaSegmentTagsAdd: simulateTagsAdd,
  WafaSegmentTagsRemove: simulateTagsRemove,
  WafaSegmentMetafieldsSet: simulateSegmentMetafieldsSet,
  WafaSegmentMetafieldsDelete: simulateSegmentMetafieldsDelete,
  WafaAppDiscountById: simulateAppDiscountById,
  WafaAppDiscountSearch: simulateAppDiscountSearch,
  WafaAppDiscountCreate: simulateAppDiscountCreate,
  WafaAppDiscountUpdate: simulateAppDiscountUpdate,
};

function graphqlEndpoint(shop: string, body: unknown): Response {
  const request = GraphqlRequest.safeParse(body);
  if (!request.success) return json(400, { errors: [{ message: "sandbox: not a GraphQL request" }] });
  const name = /\b(?:query|mutation)\s+(\w+)/.exec(request.data.query)?.[1];
  const operation = name ? OPERATIONS[name] : undefined;
  if (!name || !operation) {
    return json(200, { errors: [{ message: `sandbox: operation ${name ?? "(anonymous)"} is not simulated; add it to app/sandbox/edge.server.ts` }] });
  }
  return json(200, { data: operation(shop, request.data.variables ?? {}), extensions: { cost: { requestedQueryCost: 1, actualQueryCost: 1, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 1999, restoreRate: 100 } } } });
}
