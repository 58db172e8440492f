import { describe, expect, it } from "vitest";
import { parseServerEnv } from "../env.server";
import { INVALID_SUBJECT_TOKEN, simulateShopify } from "./edge.server";
import { mintAdminSessionToken, mintExtensionSessionToken, signJwt } from "./session-token.server";

const shop = "exchange-test.myshopify.com";
const env = parseServerEnv({ NODE_ENV: "test", WAFA_SANDBOX: "1", SHOPIFY_API_KEY: "exchange-key", SHOPIFY_API_SECRET: "exchange-secret", SANDBOX_SHOP: shop });
const now = () => Math.floor(Date.now() / 1000);

/** The token exchange request Shopify's library sends (@shopify/shopify-api auth.tokenExchange). */
async function exchange(subjectToken: string, requested: "offline" | "online" = "offline") {
  const response = await simulateShopify(env, new URL(`https://${shop}/admin/oauth/access_token`), {
    method: "POST",
    body: JSON.stringify({
      client_id: env.SHOPIFY_API_KEY,
      client_secret: env.SHOPIFY_API_SECRET,
      grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
      subject_token: subjectToken,
      subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
      requested_token_type: `urn:shopify:params:oauth:token-type:${requested}-access-token`,
      expiring: "1",
    }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const adminClaims = (overrides: Record<string, unknown> = {}) => ({
  iss: `https://${shop}/admin`, dest: `https://${shop}`, aud: env.SHOPIFY_API_KEY, sub: "42",
  exp: now() + 60, nbf: now() - 5, iat: now() - 5, jti: "j", sid: "s", ...overrides,
});

describe("the sandbox's token exchange refuses what Shopify refuses", () => {
  it("GIVEN an admin session token THEN offline and online tokens, the online one for the token's staff member", async () => {
    const token = mintAdminSessionToken({ shop, apiKey: env.SHOPIFY_API_KEY, apiSecret: env.SHOPIFY_API_SECRET });
    expect(await exchange(token)).toMatchObject({ status: 200, body: { access_token: expect.stringMatching(/^shpat_/) } });
    const online = await exchange(signJwt(adminClaims(), env.SHOPIFY_API_SECRET), "online");
    expect(online).toMatchObject({ status: 200, body: { access_token: expect.stringMatching(/^shpua_/), associated_user: { id: 42 } } });
  });

  it.each([
    ["a checkout extension's token", () => mintExtensionSessionToken({ shop, apiKey: env.SHOPIFY_API_KEY, apiSecret: env.SHOPIFY_API_SECRET, customerGid: "gid://shopify/Customer/1" })],
    ["a customer account token (a customer gid as sub)", () => signJwt(adminClaims({ sub: "gid://shopify/Customer/1" }), env.SHOPIFY_API_SECRET)],
    ["a token without a sub", () => signJwt(adminClaims({ sub: undefined }), env.SHOPIFY_API_SECRET)],
    ["a storefront issuer", () => signJwt(adminClaims({ iss: `https://${shop}` }), env.SHOPIFY_API_SECRET)],
    ["another shop's token", () => mintAdminSessionToken({ shop: "another.myshopify.com", apiKey: env.SHOPIFY_API_KEY, apiSecret: env.SHOPIFY_API_SECRET })],
    ["another app's token (aud)", () => mintAdminSessionToken({ shop, apiKey: "another-app", apiSecret: env.SHOPIFY_API_SECRET })],
    ["an expired token", () => mintAdminSessionToken({ shop, apiKey: env.SHOPIFY_API_KEY, apiSecret: env.SHOPIFY_API_SECRET, now: new Date(Date.now() - 3_600_000) })],
    ["a token not valid yet (nbf)", () => signJwt(adminClaims({ nbf: now() + 600 }), env.SHOPIFY_API_SECRET)],
    ["a token without an expiry", () => signJwt(adminClaims({ exp: undefined }), env.SHOPIFY_API_SECRET)],
    ["a token signed with another secret", () => mintAdminSessionToken({ shop, apiKey: env.SHOPIFY_API_KEY, apiSecret: "not-the-secret" })],
    ["a token whose signature was cut", () => mintAdminSessionToken({ shop, apiKey: env.SHOPIFY_API_KEY, apiSecret: env.SHOPIFY_API_SECRET }).slice(0, -4)],
    ["not a JWT", () => "not-a-jwt"],
  ])("GIVEN %s THEN 400 invalid_subject_token, Shopify's answer, for both token types", async (_case, mint) => {
    for (const requested of ["offline", "online"] as const) {
      expect(await exchange(mint(), requested)).toEqual({ status: 400, body: INVALID_SUBJECT_TOKEN });
    }
  });
});
