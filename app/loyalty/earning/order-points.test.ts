import { describe, expect, it } from "vitest";
import { baseOrder } from "../testing/fixtures";
import type { OrderSnapshot, RefundFact } from "../orders/order-state";
import { defaultProgramRules, type ProgramVersion } from "../program/program";
import { orderEarning } from "./order-points";

const versions: ProgramVersion[] = [{ version: 1, effectiveAt: new Date("2026-01-01T00:00:00Z"), rules: defaultProgramRules("USD") }];
const refund = (refundId: string, lineSubtotalMinor: number): RefundFact => ({
  refundId, orderId: baseOrder.orderId, processedAt: null, currency: "USD", lineSubtotalMinor, giftCardMinor: 0,
});
const earn = (order: Partial<OrderSnapshot>, options: { refunds?: RefundFact[]; countTestOrders?: boolean; programVersions?: ProgramVersion[] } = {}) =>
  orderEarning({ order: { ...baseOrder, ...order }, refunds: options.refunds ?? [], programVersions: options.programVersions ?? versions, countTestOrders: options.countTestOrders ?? false });

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
    const later: ProgramVersion = { version: 2, effectiveAt: new Date("2026-02-01T00:00:00Z"), rules: { schemaVersion: 1, earning: { spend: { enabled: true, points: 3, perAmountMinor: 100 } } } };
    expect(earn({}, { programVersions: [...versions, later] })).toMatchObject({ programVersion: 2, points: 300 });
  });

  it("GIVEN the spend rule is off THEN nothing is earned", () => {
    const off: ProgramVersion = { ...versions[0]!, rules: { schemaVersion: 1, earning: { spend: { enabled: false, points: 1, perAmountMinor: 100 } } } };
    expect(earn({}, { programVersions: [off] })).toMatchObject({ points: 0, reason: "rule_disabled" });
  });

  it("uses the currency's minor units: 1 point per 1 yen", () => {
    const yen: ProgramVersion = { ...versions[0]!, rules: defaultProgramRules("JPY") };
    expect(earn({ currency: "JPY", subtotalMinor: 1500 }, { programVersions: [yen] }).points).toBe(1500);
  });
});
