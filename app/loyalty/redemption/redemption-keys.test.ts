import { describe, expect, it } from "vitest";
import { holdKey, isValidIdempotencyKey, redemptionIdOf, returnKey, settleKey } from "./redemption-keys";

describe("redemption keys", () => {
  it.each([
    ["a UUID", "3f2b8c1e-9a7d-4e21-b0c4-5d6e7f8a9b0c", true],
    ["a nanoid", "V1StGXR8_Z5jdHi6B-myT", true],
    ["too short", "abc1234", false],
    ["65 characters", "a".repeat(65), false],
    ["a colon (it would make the id ambiguous)", "key:with:colons", false],
    ["spaces", "has spaces in it", false],
  ])("GIVEN %s THEN valid is %s", (_name, key, valid) => {
    expect(isValidIdempotencyKey(key)).toBe(valid);
  });

  it("GIVEN a customer GID and a key THEN one id, split at its last colon, and its three journal keys", () => {
    const id = redemptionIdOf("gid://shopify/Customer/7", "checkout-click-1");
    expect(id).toBe("gid://shopify/Customer/7:checkout-click-1");
    expect(id.slice(id.lastIndexOf(":") + 1)).toBe("checkout-click-1");
    expect([holdKey(id), settleKey(id), returnKey(id)]).toEqual([`redeem:${id}:hold`, `redeem:${id}:settle`, `redeem:${id}:return`]);
  });

  it("GIVEN no customer, or an invalid key THEN it refuses to make an id", () => {
    expect(() => redemptionIdOf(" ", "checkout-click-1")).toThrow(/customer/);
    expect(() => redemptionIdOf("gid://shopify/Customer/7", "bad")).toThrow(/idempotency key/);
  });
});
