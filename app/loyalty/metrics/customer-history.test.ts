import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { customerHistories, firstOrderTime, lastOrderBefore, ordersBefore, ordersBetween, salesBetween } from "./customer-history";
import { order } from "./metric-fixtures";

describe("each customer's counted orders, sorted, with running sales", () => {
  const orders = [
    order("a", "2026-03-01", 300),
    order("a", "2026-01-01", 100),
    order("a", "2026-02-01", 200),
    order("a", "2026-02-15", 999, { cancelled: true }),
    order("b", "2026-01-10", 50, { test: true }),
    order(null, "2026-01-05", 70),
  ];
  const histories = customerHistories(orders);
  const a = histories.get("a");

  it("GIVEN cancelled, test and guest orders THEN only the counted orders of identified customers are indexed", () => {
    expect([...histories.keys()]).toEqual(["a"]);
    expect(a?.times).toEqual([at("2026-01-01"), at("2026-02-01"), at("2026-03-01")]);
    expect(a?.salesBefore).toEqual([0, 100, 300, 600]);
  });

  it("GIVEN searches by time THEN they count, sum and find the last order before an instant", () => {
    if (!a) throw new Error("missing");
    expect(ordersBefore(a, at("2026-02-01"))).toBe(1);
    expect(ordersBetween(a, at("2026-01-01"), at("2026-03-01"))).toBe(2); // [1 Jan, 1 Mar): Jan and Feb
    expect(salesBetween(a, at("2026-01-15"), at("2026-12-31"))).toBe(500);
    expect(salesBetween(a, at("2026-03-01"), at("2026-01-01"))).toBe(0);
    expect(lastOrderBefore(a, at("2026-02-01"))?.getTime()).toBe(at("2026-01-01"));
    expect(lastOrderBefore(a, at("2026-01-01"))).toBeNull();
    expect(firstOrderTime(a)).toBe(at("2026-01-01"));
  });

  it("PROPERTY: binary searches agree with a plain count", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 20 }), fc.integer({ min: -1, max: 51 }), (days, probe) => {
        const list = days.map((day) => ({ orderId: `o${day}`, customerId: "c", placedAt: new Date(day * 86_400_000), netSalesMinor: day, cancelled: false, test: false }));
        const history = customerHistories(list).get("c");
        if (!history) throw new Error("missing");
        const time = probe * 86_400_000;
        expect(ordersBefore(history, time)).toBe(days.filter((day) => day < probe).length);
        expect(salesBetween(history, -Infinity, time)).toBe(days.filter((day) => day < probe).reduce((sum, day) => sum + day, 0));
      }),
    );
  });
});

function at(day: string): number {
  return new Date(`${day}T12:00:00Z`).getTime();
}
