import { describe, expect, it } from "vitest";
import { baseOrder } from "../testing/fixtures";
import { defaultProgramRules, type ProgramVersion } from "../program/program";
import { enrollmentFromOrder, enrollmentFromSignup, mergeEnrollment } from "./membership";

const start = new Date("2026-01-01T00:00:00Z");
const versions: ProgramVersion[] = [{ version: 1, effectiveAt: start, rules: defaultProgramRules("USD") }];

describe("enrollment", () => {
  it("GIVEN a customer's paid order THEN they are enrolled at the order's processing time", () => {
    expect(enrollmentFromOrder(baseOrder, versions, false)).toEqual({ enrolledAt: baseOrder.processedAt, source: "first_paid_order" });
  });

  it.each([
    ["a pending order", { financialStatus: "pending" }],
    ["a guest order", { customerId: null }],
    ["a test order that does not count", { test: true }],
    ["an order from before the program", { processedAt: new Date("2025-06-01T00:00:00Z") }],
  ])("GIVEN %s THEN nobody is enrolled", (_name, order) => {
    expect(enrollmentFromOrder({ ...baseOrder, ...order }, versions, false)).toBeNull();
  });

  it("GIVEN a paid order later cancelled and refunded THEN it still enrolled its customer", () => {
    expect(enrollmentFromOrder({ ...baseOrder, financialStatus: "refunded", cancelledAt: new Date("2026-03-05T00:00:00Z") }, versions, false)).not.toBeNull();
  });

  it("GIVEN a sign-up THEN the customer is enrolled when created, never before the program began", () => {
    expect(enrollmentFromSignup(new Date("2026-02-01T00:00:00Z"), versions)?.enrolledAt).toEqual(new Date("2026-02-01T00:00:00Z"));
    expect(enrollmentFromSignup(new Date("2025-02-01T00:00:00Z"), versions)?.enrolledAt).toEqual(start);
    expect(enrollmentFromSignup(new Date("2026-02-01T00:00:00Z"), [])).toBeNull();
  });

  it("keeps the earliest enrollment whichever arrives first", () => {
    const signup = { enrolledAt: new Date("2026-02-01T00:00:00Z"), source: "customers/create" as const };
    const order = { enrolledAt: new Date("2026-01-15T00:00:00Z"), source: "first_paid_order" as const };
    expect(mergeEnrollment(signup, order)).toBe(order);
    expect(mergeEnrollment(order, signup)).toBe(order);
    expect(mergeEnrollment(null, signup)).toBe(signup);
    expect(mergeEnrollment(signup, null)).toBe(signup);
    const sameInstant = { ...order, enrolledAt: signup.enrolledAt };
    expect(mergeEnrollment(signup, sameInstant)).toEqual(mergeEnrollment(sameInstant, signup));
  });
});
