// Real signed requests, built with Shopify's own test helpers (shopify-app-js habit).
import { Session } from "@shopify/shopify-api";
import { getHmac, getJwt, USER_ID } from "@shopify/shopify-api/test-helpers";
import type { AppDatabase } from "../db/database.server";
import { KyselySessionStorage } from "../repositories/session-storage.server";
import { WEBHOOK_TOPICS, type WebhookTopic } from "../shopify/webhook-topics";
import type { AppServer } from "./app-server";
import { installTestShop } from "./shops";

let sequence = 0;

export type WebhookOptions = {
  readonly shop: string;
  readonly topic: WebhookTopic;
  readonly body: unknown;
  /** Override the signature (null: send none). */
  readonly hmac?: string | null;
};

export async function postWebhook(server: AppServer, options: WebhookOptions): Promise<Response> {
  const body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "X-Shopify-Topic": options.topic,
    "X-Shopify-Shop-Domain": options.shop,
    "X-Shopify-Webhook-Id": `test-webhook-${process.pid}-${sequence++}`,
    "X-Shopify-API-Version": "2026-10",
    "X-Shopify-Triggered-At": new Date().toISOString(),
    "X-Shopify-Event-Id": `test-event-${sequence}`,
  };
  const hmac = options.hmac === undefined ? getHmac(body, server.apiSecret) : options.hmac;
  if (hmac !== null) headers["X-Shopify-Hmac-Sha256"] = hmac;
  return fetch(new URL(WEBHOOK_TOPICS[options.topic], server.url), { method: "POST", headers, body });
}

/**
 * Arranges an installed shop as Shopify's token exchange and our afterAuth hook would
 * leave it: an offline session and the shop with the default program.
 */
export async function arrangeInstalledShop(database: AppDatabase, shop: string, options: { countTestOrders?: boolean } = {}) {
  const storage = new KyselySessionStorage(() => database.db);
  await storage.storeSession(new Session({ id: `offline_${shop}`, shop, state: "", isOnline: false, accessToken: "shpat_test_token", scope: "read_orders,read_customers" }));
  // The admin acts through the staff member's online session (USER_ID is the `sub` of the
  // test helpers' session tokens).
  await storage.storeSession(
    new Session({
      id: `${shop}_${USER_ID}`,
      shop,
      state: "",
      isOnline: true,
      accessToken: "shpua_test_token",
      scope: "read_orders,read_customers",
      expires: new Date(Date.now() + 24 * 3600 * 1000),
      onlineAccessInfo: {
        expires_in: 86_400,
        associated_user_scope: "read_orders,read_customers",
        associated_user: { id: USER_ID, first_name: "Test", last_name: "Staff", email: "staff@example.com", email_verified: true, account_owner: true, locale: "en", collaborator: false },
      },
    }),
  );
  return installTestShop(database, shop, options);
}

/**
 * A checkout extension's session token for `customerGid` (or a guest), signed for `server`,
 * with the claims Shopify documents for it: a bare `dest`, no `iss` or `sid`, `sub` only for
 * a logged-in customer (shopify.dev, checkout-ui-extensions Session Token API). `overrides`
 * change claims (undefined removes one).
 */
export async function extensionToken(server: AppServer, shop: string, customerGid?: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const { token } = await getJwt(shop.replace(".myshopify.com", ""), server.apiKey, server.apiSecret, {
    iss: undefined,
    sid: undefined,
    dest: shop,
    sub: customerGid,
    ...overrides,
  });
  return token;
}
