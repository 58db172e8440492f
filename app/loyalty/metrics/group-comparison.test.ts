import { describe, expect, it } from "vitest";
import { compareGroups, statsFor } from "./group-comparison";
import { order, period } from "./metric-fixtures";
import { ratio } from "./ratio";

describe("per-group figures", () => {
  const january = period("2026-01-01", "2026-01-31");
  const shop = [order("a", "2026-01-02", 1_000), order("a", "2026-01-03", 3_000), order("b", "2026-01-04", 2_000), order(null, "2026-01-05", 4_000)];

  it("GIVEN orders left out of every group THEN they still count in the denominator of revenue shares", () => {
    const stats = compareGroups(shop, january, {
      groups: ["vip"] as const,
      orderGroup: (o) => (o.customerId === "a" ? "vip" : null),
      customerGroup: (id) => (id === "a" ? "vip" : null),
    });
    // a: 2 orders, 40.00 of the period's 100.00.
    expect(statsFor(stats, "vip")).toMatchObject({ orders: 2, customers: 1, revenueShare: ratio(4_000, 10_000), revenuePerCustomer: ratio(4_000, 1) });
  });

  it("GIVEN a group the grouping never declared THEN asking for it is a bug", () => {
    const stats = compareGroups(shop, january, { groups: ["x"], orderGroup: () => null, customerGroup: () => null });
    expect(() => statsFor(stats, "y")).toThrow();
  });
});
