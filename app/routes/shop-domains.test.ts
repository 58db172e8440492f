import { createHmac } from "node:crypto";
import { RequestType, setUpValidRequest } from "@shopify/shopify-api/test-helpers";
import { describe, expect, it } from "vitest";
import { useInstalledShopServer } from "../test/installed-shop-server";
import { BROWSER_USER_AGENT } from "../test/admin-requests";
import { orderPayload } from "../test/payloads";
import { postWebhook } from "../test/requests";
import type { WebhookTopic } from "../shopify/webhook-topics";

/** Domains Shopify never sends (it sends `<name>.myshopify.com`, lower case), each validly signed below. */
const BAD_DOMAINS = (shop: string) => [
  ["upper case", shop.toUpperCase()],
  ["a capital letter", `A${shop}`],
  ["a trailing dot", `${shop}.`],
  ["a host that is not Shopify's", "evil.example.com"],
  ["another Shopify host", shop.replace(".myshopify.com", ".myshopify.io")],
  ["an empty domain", ""],
] as const;

/** Topics whose handlers run without an installed shop (compliance, uninstall) and one that needs it. */
const TOPICS: ReadonlyArray<readonly [WebhookTopic, unknown]> = [
  ["orders/paid", orderPayload({ id: 9401, customerId: 631, subtotal: "10.00" })],
  ["app/uninstalled", { id: 1, name: "Shop", domain: "x" }],
  ["customers/redact", { shop_id: 1, shop_domain: "x", customer: { id: 631 }, orders_to_redact: [] }],
  ["shop/redact", { shop_id: 1, shop_domain: "x" }],
  ["customers/data_request", { shop_id: 1, shop_domain: "x", customer: { id: 631 }, orders_requested: [], data_request: { id: 9 } }],
];

/** Shopify's app proxy signature (the test helpers' algorithm), for any `shop` value. */
function signProxy(url: URL, secret: string): URL {
  const signed = new URL(url);
  const message = [...signed.searchParams.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}=${value}`)
    .join("");
  signed.searchParams.set("signature", createHmac("sha256", secret).update(message).digest("hex"));
  return signed;
}

describe("a validly signed request for a malformed shop domain", () => {
  const shop = "shop-domains.myshopify.com";
  const running = useInstalledShopServer(shop);

  const writes = async () => ({
    deadLetters: (await running.database.db.selectFrom("DeadLetter").select("id").execute()).length,
    shops: (await running.database.db.selectFrom("Shop").select("domain").execute()).map((row) => row.domain),
  });

  describe.each(TOPICS)("WHEN a %s webhook arrives", (topic, body) => {
    it.each(BAD_DOMAINS(shop))("GIVEN %s THEN 400 with nothing written, never a 5xx", async (_case, domain) => {
      const before = await writes();
      const response = await postWebhook(running.server, { shop: domain, topic, body });
      // (An empty header is the library's own 400: a required header is missing.)
      expect(response.status).toBe(400);
      expect(await writes()).toEqual(before);
    });

    it("GIVEN a bad signature as well THEN still 401: the signature is checked first", async () => {
      const response = await postWebhook(running.server, { shop: "evil.example.com", topic, body, hmac: "bm90IHRoZSByaWdodCBzaWduYXR1cmU=" });
      expect(response.status).toBe(401);
    });
  });

  it("GIVEN the shop's own domain THEN the webhook is applied (200)", async () => {
    expect((await postWebhook(running.server, { shop, topic: "orders/paid", body: orderPayload({ id: 9402, customerId: 632, subtotal: "10.00" }) })).status).toBe(200);
  });

  describe("WHEN the login path is opened", () => {
    const open = (query: string) => fetch(new URL(`/auth/login${query}`, running.server.url), { headers: { "User-Agent": BROWSER_USER_AGENT }, redirect: "manual" });

    it.each([...BAD_DOMAINS(shop), ["no shop at all", null]] as const)("GIVEN %s THEN 400 with a reason, never a 5xx", async (_case, domain) => {
      const response = await open(domain === null ? "" : `?shop=${encodeURIComponent(domain)}`);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: "invalid_shop" });
    });

    it("GIVEN a shop domain THEN on to Shopify's install page for it", async () => {
      const response = await open(`?shop=${shop}`);
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe(`https://admin.shopify.com/store/shop-domains/oauth/install?client_id=${running.server.apiKey}`);
    });
  });

  describe.each(["member", "rewards", "redeem"])("WHEN the app proxy's /proxy/%s is called", (route) => {
    const proxyUrl = (domain: string) => {
      const url = new URL(`/proxy/${route}?path_prefix=%2Fapps%2Fwafa&logged_in_customer_id=631`, running.server.url);
      url.searchParams.set("shop", domain);
      url.searchParams.set("timestamp", String(Math.floor(Date.now() / 1000)));
      return signProxy(url, running.server.apiSecret);
    };
    const request = (url: URL) =>
      fetch(url, route === "redeem" ? { method: "POST", headers: { "Content-Type": "application/json", "User-Agent": BROWSER_USER_AGENT }, body: JSON.stringify({ rewardId: "x", idempotencyKey: "shop-domain-test" }) } : { headers: { "User-Agent": BROWSER_USER_AGENT } });

    it("GIVEN the shop's own domain THEN this test's signature is Shopify's (the helper's) and is accepted", async () => {
      const helper = await setUpValidRequest({ type: RequestType.Public, store: shop.replace(".myshopify.com", ""), apiSecretKey: running.server.apiSecret }, new Request(new URL(`/proxy/${route}?path_prefix=%2Fapps%2Fwafa`, running.server.url)));
      const ours = new URL(helper.url);
      ours.searchParams.delete("signature");
      expect(signProxy(ours, running.server.apiSecret).searchParams.get("signature")).toBe(new URL(helper.url).searchParams.get("signature"));
      expect((await request(proxyUrl(shop))).status).toBeLessThan(500);
    });

    it.each(BAD_DOMAINS(shop))("GIVEN %s THEN 400 with a reason, never a 5xx", async (_case, domain) => {
      const response = await request(proxyUrl(domain));
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: "invalid_shop", messageKey: "errors.invalid_signature", params: {} });
    });

    it("GIVEN a bad signature THEN 401 with a reason, as on every proxy route", async () => {
      const url = proxyUrl(shop);
      url.searchParams.set("signature", "0".repeat(64));
      const response = await request(url);
      expect(response.status).toBe(401);
      expect(response.headers.get("cache-control")).toBe("private, no-store");
      expect(await response.json()).toEqual({ error: "invalid_signature", messageKey: "errors.invalid_signature", params: {} });
    });
  });
});
