import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultProgramRules, type ProgramRules, type ProgramVersion } from "../program/program";
import { customerOrderPoints, hasCrossOrderRules, type CustomerOrderBasis } from "./customer-orders";

const USD = defaultProgramRules("USD");
const program = (earning: Partial<ProgramRules["earning"]>): ProgramRules => ({ ...USD, earning: { ...USD.earning, ...earning } });
const versions = (rules: ProgramRules): ProgramVersion[] => [{ version: 1, effectiveAt: new Date("2026-01-01T00:00:00Z"), rules }];
const order = (id: number, day: string, spendPoints: number, extra: Partial<CustomerOrderBasis> = {}): CustomerOrderBasis => ({
  orderId: `o${id}`,
  processedAt: new Date(`${day}T12:00:00Z`),
  programVersion: 1,
  qualifies: true,
  spendPoints,
  orderPoints: 0,
  ...extra,
});
const points = (orders: CustomerOrderBasis[], rules: ProgramRules, zone = "UTC") => Object.fromEntries(customerOrderPoints(orders, versions(rules), zone));

describe("every Nth order earns a bonus", () => {
  const everyThird = program({ nthOrder: { enabled: true, every: 3, points: 100 } });

  it("GIVEN four orders and a bonus every 3rd THEN the third earns the bonus", () => {
    const orders = [order(1, "2026-03-01", 10), order(2, "2026-03-02", 20), order(3, "2026-03-03", 30), order(4, "2026-03-04", 40)];
    expect(points(orders, everyThird)).toEqual({ o1: 10, o2: 20, o3: 130, o4: 40 });
  });

  it("GIVEN the second order is cancelled THEN the bonus moves to the order that is now third", () => {
    const orders = [order(1, "2026-03-01", 10), order(2, "2026-03-02", 0, { qualifies: false }), order(3, "2026-03-03", 30), order(4, "2026-03-04", 40)];
    expect(points(orders, everyThird)).toEqual({ o1: 10, o2: 0, o3: 30, o4: 140 });
  });

  it("GIVEN an earlier order arrives late THEN the sequence follows placement, not arrival", () => {
    const arrived = [order(3, "2026-03-03", 30), order(4, "2026-03-04", 40), order(1, "2026-03-01", 10)];
    expect(points(arrived, everyThird)).toEqual({ o1: 10, o3: 0 + 30, o4: 140 });
  });
});

describe("per-period caps and limits", () => {
  it("GIVEN at most 150 spend points a month THEN the month's later orders are cut and the next month starts afresh", () => {
    const capped = program({ spend: { ...USD.earning.spend, cap: { maxPoints: 150, period: "month" } } });
    const orders = [order(1, "2026-03-01", 100), order(2, "2026-03-15", 100), order(3, "2026-03-31", 100), order(4, "2026-04-01", 100)];
    expect(points(orders, capped)).toEqual({ o1: 100, o2: 50, o3: 0, o4: 100 });
  });

  it("GIVEN per-order points at most twice a day THEN the third order that day gets none", () => {
    const limited = program({ perOrder: { enabled: true, points: 10, minimumSubtotalMinor: 0, limit: { maxAwards: 2, period: "day" } } });
    const orders = [1, 2, 3].map((id) => order(id, "2026-03-01", 0, { orderPoints: 10, processedAt: new Date(`2026-03-01T0${id}:00:00Z`) }));
    expect(points([...orders, order(4, "2026-03-02", 0, { orderPoints: 10 })], limited)).toEqual({ o1: 10, o2: 10, o3: 0, o4: 10 });
  });

  it("uses the shop's calendar: 23:30 in New York on 31 March is still March", () => {
    const capped = program({ spend: { ...USD.earning.spend, cap: { maxPoints: 100, period: "month" } } });
    const orders = [order(1, "2026-03-10", 100), { ...order(2, "2026-03-10", 100), processedAt: new Date("2026-04-01T03:30:00Z") }];
    expect(points(orders, capped, "America/New_York")).toEqual({ o1: 100, o2: 0 });
    expect(points(orders, capped, "UTC")).toEqual({ o1: 100, o2: 100 });
  });
});

describe("which programs need a customer's other orders", () => {
  it.each([
    ["the default program", USD, false],
    ["a monthly spend cap", program({ spend: { ...USD.earning.spend, cap: { maxPoints: 10, period: "month" } } }), true],
    ["a limit on per-order points", program({ perOrder: { enabled: true, points: 1, minimumSubtotalMinor: 0, limit: { maxAwards: 1, period: "day" } } }), true],
    ["an Nth-order bonus", program({ nthOrder: { enabled: true, every: 2, points: 1 } }), true],
    ["a limit on a rule that is off", program({ perOrder: { enabled: false, points: 1, minimumSubtotalMinor: 0, limit: { maxAwards: 1, period: "day" } } }), false],
  ])("%s: %s", (_name, rules, expected) => {
    expect(hasCrossOrderRules(rules)).toBe(expected);
  });
});

describe("properties", () => {
  const rules = program({
    spend: { ...USD.earning.spend, cap: { maxPoints: 250, period: "week" } },
    perOrder: { enabled: true, points: 10, minimumSubtotalMinor: 0, limit: { maxAwards: 3, period: "month" } },
    nthOrder: { enabled: true, every: 4, points: 50 },
  });
  const ordersArb = fc.uniqueArray(
    fc.record({
      id: fc.integer({ min: 1, max: 10_000 }),
      at: fc.integer({ min: 0, max: 90 * 86_400_000 }),
      spendPoints: fc.integer({ min: 0, max: 300 }),
      qualifies: fc.boolean(),
    }),
    { selector: (candidate) => candidate.id, maxLength: 25 },
  ).map((drafts) =>
    drafts.map((draft): CustomerOrderBasis => ({
      orderId: `o${draft.id}`,
      processedAt: new Date(Date.UTC(2026, 2, 1) + draft.at),
      programVersion: 1,
      qualifies: draft.qualifies,
      spendPoints: draft.qualifies ? draft.spendPoints : 0,
      orderPoints: draft.qualifies ? 10 : 0,
    })),
  );

  it("PROPERTY: the result does not depend on the order the orders are given in", () => {
    fc.assert(
      fc.property(ordersArb.chain((orders) => fc.tuple(fc.constant(orders), fc.shuffledSubarray(orders, { minLength: orders.length }))), ([orders, shuffled]) => {
        expect(points(shuffled, rules)).toEqual(points(orders, rules));
      }),
    );
  });

  it("PROPERTY: no week's spend points exceed the cap, non-qualifying orders earn nothing, and bonuses go to every 4th qualifying order", () => {
    fc.assert(
      fc.property(ordersArb, (orders) => {
        const result = customerOrderPoints(orders, versions(rules), "UTC");
        const qualifying = orders.filter((candidate) => candidate.qualifies).sort((a, b) => a.processedAt.getTime() - b.processedAt.getTime() || a.orderId.localeCompare(b.orderId));
        for (const candidate of orders) if (!candidate.qualifies) expect(result.get(candidate.orderId)).toBe(0);
        const total = qualifying.reduce((sum, candidate) => sum + (result.get(candidate.orderId) ?? 0), 0);
        const bonuses = Math.floor(qualifying.length / 4) * 50;
        const ownMaximum = qualifying.reduce((sum, candidate) => sum + candidate.spendPoints + candidate.orderPoints, 0);
        expect(total).toBeLessThanOrEqual(ownMaximum + bonuses);
        for (const candidate of qualifying) expect(result.get(candidate.orderId)).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
