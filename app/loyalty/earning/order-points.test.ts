import { describe, expect, it } from "vitest";
import { baseOrder } from "../testing/fixtures";
import type { OrderLine, OrderSnapshot, RefundFact } from "../orders/order-state";
import { defaultProgramRules, type ProgramRules, type ProgramVersion, type SpendRule } from "../program/program";
import { orderEarning } from "./order-points";

const USD = defaultProgramRules("USD");
const withSpend = (spend: Partial<SpendRule>, rules: ProgramRules = USD): ProgramRules => ({
  ...rules,
  earning: { ...rules.earning, spend: { ...rules.earning.spend, ...spend } },
});
const withBase = (base: Partial<SpendRule["base"]>): ProgramRules => withSpend({ base: { ...USD.earning.spend.base, ...base } });
const only = (rules: ProgramRules): ProgramVersion[] => [{ version: 1, effectiveAt: new Date("2026-01-01T00:00:00Z"), rules }];

const versions: ProgramVersion[] = [{ version: 1, effectiveAt: new Date("2026-01-01T00:00:00Z"), rules: defaultProgramRules("USD") }];
const refund = (refundId: string, lineSubtotalMinor: number): RefundFact => ({
  refundId, orderId: baseOrder.orderId, processedAt: null, currency: "USD", lineSubtotalMinor, giftCardMinor: 0,
});
type EarnOptions = { refunds?: RefundFact[]; countTestOrders?: boolean; programVersions?: ProgramVersion[]; multiplierPercent?: number; lineTags?: Map<string, string[]> };
const earn = (order: Partial<OrderSnapshot>, options: EarnOptions = {}) =>
  orderEarning({
    order: { ...baseOrder, ...order },
    refunds: options.refunds ?? [],
    programVersions: options.programVersions ?? versions,
    countTestOrders: options.countTestOrders ?? false,
    ...(options.multiplierPercent ? { multiplierPercent: options.multiplierPercent } : {}),
    ...(options.lineTags ? { lineTags: options.lineTags } : {}),
  });

describe("the default program: 1 point per 1.00 of eligible subtotal, rounded down per order", () => {
  it.each([
    ["a paid order of 100.00", {}, 100],
    ["a paid order of 99.99", { subtotalMinor: 9999 }, 99],
    ["a paid order of 0.99", { subtotalMinor: 99 }, 0],
    ["a partially refunded order, refund included", { financialStatus: "partially_refunded", subtotalMinor: 4550, includedRefundIds: ["r1"] }, 45],
    ["a refunded order with something left", { financialStatus: "refunded", subtotalMinor: 1200 }, 12],
    ["a fully refunded order", { financialStatus: "refunded", subtotalMinor: 0 }, 0],
  ])("GIVEN %s THEN it earns %i points", (_name, order, points) => {
    expect(earn(order)).toMatchObject({ points, reason: "earns" });
  });

  it.each([
    ["pending", { financialStatus: "pending" }, "not_paid"],
    ["authorized", { financialStatus: "authorized" }, "not_paid"],
    ["partially paid", { financialStatus: "partially_paid" }, "not_paid"],
    ["cancelled", { cancelledAt: new Date("2026-03-02T00:00:00Z"), financialStatus: "refunded" }, "cancelled"],
    ["a guest order", { customerId: null }, "guest_order"],
    ["a test order while test orders do not count", { test: true }, "test_order"],
    ["an order from before the program began", { processedAt: new Date("2025-12-31T00:00:00Z") }, "outside_program"],
  ])("GIVEN %s THEN it earns nothing (%s)", (_name, order, reason) => {
    expect(earn(order as Partial<OrderSnapshot>)).toMatchObject({ points: 0, eligibleMinor: 0, reason });
  });

  it("GIVEN a test order while test orders count THEN it earns", () => {
    expect(earn({ test: true }, { countTestOrders: true }).points).toBe(100);
  });

  it("excludes gift-card lines from the eligible subtotal", () => {
    const lines = [{ lineItemId: "l1", productId: null, quantity: 1, currentQuantity: 1, giftCard: true, unitPriceMinor: 2500, discountMinor: 0 }];
    expect(earn({ subtotalMinor: 12_500, lines })).toMatchObject({ eligibleMinor: 10_000, points: 100 });
  });

  it("subtracts refunds the payload does not reflect yet, but never twice", () => {
    expect(earn({}, { refunds: [refund("r1", 2_550)] })).toMatchObject({ eligibleMinor: 7_450, points: 74 });
    expect(earn({ subtotalMinor: 7_450, includedRefundIds: ["r1"] }, { refunds: [refund("r1", 2_550)] }).points).toBe(74);
  });

  it("never goes below zero points", () => {
    expect(earn({ subtotalMinor: 100 }, { refunds: [refund("r1", 5_000)] })).toMatchObject({ eligibleMinor: 0, points: 0 });
  });

  it("records the governing program version", () => {
    const later: ProgramVersion = { version: 2, effectiveAt: new Date("2026-02-01T00:00:00Z"), rules: withSpend({ points: 3 }) };
    expect(earn({}, { programVersions: [...versions, later] })).toMatchObject({ programVersion: 2, points: 300 });
  });

  it("GIVEN the spend rule is off THEN nothing is earned", () => {
    const off: ProgramVersion = { ...versions[0]!, rules: withSpend({ enabled: false }) };
    expect(earn({}, { programVersions: [off] })).toMatchObject({ points: 0, reason: "rule_disabled" });
  });

  it("uses the currency's minor units: 1 point per 1 yen", () => {
    const yen: ProgramVersion = { ...versions[0]!, rules: defaultProgramRules("JPY") };
    expect(earn({ currency: "JPY", subtotalMinor: 1500 }, { programVersions: [yen] }).points).toBe(1500);
  });
});

const line = (id: string, unitPriceMinor: number, extra: Partial<OrderLine> = {}): OrderLine => ({
  lineItemId: id, productId: null, quantity: 1, currentQuantity: 1, giftCard: false, unitPriceMinor, discountMinor: 0, ...extra,
});

describe("a configurable spend base", () => {
  // The fixture: subtotal 100.00 after discounts, shipping 10.00, tax 5.00 on top of prices.
  it.each([
    ["shipping included", { includeShipping: true }, 110],
    ["taxes included", { includeTaxes: true }, 105],
    ["shipping and taxes included", { includeShipping: true, includeTaxes: true }, 115],
    ["the default: neither", {}, 100],
  ])("GIVEN %s THEN a 100.00 order earns %i points", (_name, base, points) => {
    expect(earn({}, { programVersions: only(withBase(base)) }).points).toBe(points);
  });

  it("GIVEN prices that include tax and a base without taxes THEN the tax is taken out of the subtotal", () => {
    expect(earn({ taxesIncluded: true, taxMinor: 1_667 }, { programVersions: only(withBase({})) }).eligibleMinor).toBe(8_333);
    expect(earn({ taxesIncluded: true, taxMinor: 1_667 }, { programVersions: only(withBase({ includeTaxes: true })) }).eligibleMinor).toBe(10_000);
  });

  it("GIVEN a line discounted by 20.00 and points before discounts THEN the discount is added back", () => {
    const lines = [line("l1", 12_000, { discountMinor: 2_000 })];
    expect(earn({ lines }, { programVersions: only(withBase({ beforeDiscounts: true })) })).toMatchObject({ eligibleMinor: 12_000, points: 120 });
    expect(earn({ lines }, { programVersions: only(withBase({})) })).toMatchObject({ eligibleMinor: 10_000, points: 100 });
  });

  it("GIVEN a gift card line and a base that includes gift cards THEN it earns too", () => {
    const lines = [line("l1", 7_500), line("gc", 2_500, { giftCard: true })];
    expect(earn({ lines }, { programVersions: only(withBase({ includeGiftCards: true })) }).points).toBe(100);
    expect(earn({ lines }, { programVersions: only(withBase({})) }).points).toBe(75);
  });

  it("GIVEN a product tagged with an excluded tag (any case) THEN its line earns nothing", () => {
    const lines = [line("l1", 6_000), line("l2", 4_000, { discountMinor: 1_000, quantity: 2, currentQuantity: 2, unitPriceMinor: 2_500 })];
    const lineTags = new Map([["l2", ["Clearance", "summer"]]]);
    // l2 is worth 2 × 25.00 − 10.00 = 40.00 after its discount: 100.00 − 40.00 = 60.00 earn.
    expect(earn({ lines }, { programVersions: only(withBase({ excludedProductTags: ["clearance"] })), lineTags }).points).toBe(60);
    expect(earn({ lines }, { programVersions: only(withBase({ excludedProductTags: ["winter"] })), lineTags }).points).toBe(100);
  });

  it("GIVEN a pending refund of an excluded line THEN it does not reduce the eligible spend twice", () => {
    const lines = [line("l1", 6_000), line("l2", 4_000)];
    const lineTags = new Map([["l2", ["clearance"]]]);
    const refunds = [{ ...refund("r1", 4_000), lineItems: [{ lineItemId: "l2", quantity: 1, subtotalMinor: 4_000, giftCard: false }] }];
    expect(earn({ lines }, { programVersions: only(withBase({ excludedProductTags: ["clearance"] })), lineTags, refunds }).points).toBe(60);
  });
});

describe("per-order points, caps and multipliers", () => {
  const perOrder = (points: number, minimumSubtotalMinor = 0) => {
    const rules = withSpend({ enabled: false });
    return only({ ...rules, earning: { ...rules.earning, perOrder: { enabled: true, points, minimumSubtotalMinor, limit: null } } });
  };

  it("GIVEN 25 points per order THEN any paid order earns 25", () => {
    expect(earn({}, { programVersions: perOrder(25) })).toMatchObject({ points: 25, orderPoints: 25, spendPoints: 0 });
  });

  it("GIVEN a 50.00 minimum THEN a 49.99 order earns no per-order points and a 50.00 one does", () => {
    expect(earn({ subtotalMinor: 4_999 }, { programVersions: perOrder(25, 5_000) }).points).toBe(0);
    expect(earn({ subtotalMinor: 5_000 }, { programVersions: perOrder(25, 5_000) }).points).toBe(25);
  });

  it("GIVEN a fully refunded order THEN it earns no per-order points and no longer counts as an order", () => {
    expect(earn({ subtotalMinor: 0, financialStatus: "refunded" }, { programVersions: perOrder(25) })).toMatchObject({ points: 0, qualifies: false });
  });

  it("GIVEN at most 500 points per order THEN a 900.00 order earns 500", () => {
    expect(earn({ subtotalMinor: 90_000 }, { programVersions: only(withSpend({ maxPointsPerOrder: 500 })) }).points).toBe(500);
  });

  it("GIVEN a 1.5× tier multiplier THEN spend and per-order points are multiplied and rounded down", () => {
    const rules = withSpend({});
    const both = only({ ...rules, earning: { ...rules.earning, perOrder: { enabled: true, points: 5, minimumSubtotalMinor: 0, limit: null } } });
    // 99 spend points × 1.5 = 148.5 → 148; 5 per-order points × 1.5 = 7.5 → 7.
    expect(earn({ subtotalMinor: 9_999 }, { programVersions: both, multiplierPercent: 150 })).toMatchObject({ spendPoints: 148, orderPoints: 7, points: 155 });
  });
});
