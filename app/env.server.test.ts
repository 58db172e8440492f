import { describe, expect, it } from "vitest";
import { parseServerEnv, SANDBOX_DEFAULTS } from "./env.server";

describe("the server environment", () => {
  it("GIVEN the sandbox without credentials THEN the documented sandbox defaults", () => {
    const env = parseServerEnv({ WAFA_SANDBOX: "1", PORT: "4000" });
    expect(env).toMatchObject({ SHOPIFY_API_KEY: SANDBOX_DEFAULTS.SHOPIFY_API_KEY, SHOPIFY_APP_URL: "http://127.0.0.1:4000", SANDBOX_SHOP: "wafa-sandbox.myshopify.com" });
  });

  it("GIVEN NODE_ENV=production THEN the sandbox cannot be switched on", () => {
    expect(() => parseServerEnv({ WAFA_SANDBOX: "1", NODE_ENV: "production", SHOPIFY_API_KEY: "k", SHOPIFY_API_SECRET: "s", SHOPIFY_APP_URL: "https://app.example.com" })).toThrow(
      /sandbox cannot be switched on/,
    );
  });

  it("GIVEN no credentials outside the sandbox THEN a clear error", () => {
    expect(() => parseServerEnv({})).toThrow(/SHOPIFY_API_KEY, SHOPIFY_API_SECRET and SHOPIFY_APP_URL are required/);
  });

  it("defaults to the embedded database", () => {
    expect(parseServerEnv({ SHOPIFY_API_KEY: "k", SHOPIFY_API_SECRET: "s", SHOPIFY_APP_URL: "https://app.example.com" }).DATABASE_URL).toBe("file:prisma/data/wafa.sqlite");
  });
});
