import { describe, expect, it } from "vitest";
import { batchExpiryKey, expiryReminderKey, inactivityExpiryKey, lotKeyOfBatchExpiry } from "./expiry-keys";

const customer = "gid://shopify/Customer/1";

describe("expiry keys", () => {
  it.each([
    ["an accrual key with colons", "order:gid://shopify/Order/7:accrual:0"],
    ["a bonus key", "customer:gid://shopify/Customer/1:birthday:2026"],
    ["a key that itself looks like an expiry", "customer:x:expire:batch:y"],
  ])("GIVEN %s as a lot key THEN its batch expiry key reads back to it", (_name, lotKey) => {
    expect(lotKeyOfBatchExpiry(customer, batchExpiryKey(customer, lotKey))).toBe(lotKey);
  });

  it.each([
    ["another member's batch expiry (a longer id with the same start)", batchExpiryKey("gid://shopify/Customer/12", "e1")],
    ["an inactivity expiry", inactivityExpiryKey(customer, { year: 2026, month: 1, day: 2 })],
    ["an accrual", "order:gid://shopify/Order/7:accrual:0"],
    ["a batch expiry with no lot", `customer:${customer}:expire:batch:`],
  ])("GIVEN %s THEN it names no lot of this member", (_name, key) => {
    expect(lotKeyOfBatchExpiry(customer, key)).toBeNull();
  });

  it("GIVEN an expiry day and a threshold THEN keys read as the brief's formats", () => {
    expect(batchExpiryKey(customer, "earn:1")).toBe("customer:gid://shopify/Customer/1:expire:batch:earn:1");
    expect(inactivityExpiryKey(customer, { year: 2026, month: 3, day: 4 })).toBe("customer:gid://shopify/Customer/1:expire:inactive:2026-03-04");
    expect(expiryReminderKey(customer, { year: 2026, month: 12, day: 1 }, 7)).toBe("customer:gid://shopify/Customer/1:expiry-reminder:2026-12-01:7");
  });
});
