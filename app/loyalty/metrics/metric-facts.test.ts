import { describe, expect, it } from "vitest";
import { CustomerFactSchema, OrderFactSchema, PointsMovementSchema, SurveyResponseSchema } from "./metric-facts";

describe("facts are validated where repositories build them", () => {
  const orderFact = { orderId: "o1", customerId: "c1", placedAt: new Date("2026-01-01"), netSalesMinor: 1_000, cancelled: false, test: false };

  it("GIVEN a well-formed order or a guest order THEN it parses", () => {
    expect(OrderFactSchema.safeParse(orderFact).success).toBe(true);
    expect(OrderFactSchema.safeParse({ ...orderFact, customerId: null }).success).toBe(true);
  });

  it("GIVEN negative or fractional net sales, or an invalid date THEN it is refused", () => {
    expect(OrderFactSchema.safeParse({ ...orderFact, netSalesMinor: -1 }).success).toBe(false);
    expect(OrderFactSchema.safeParse({ ...orderFact, netSalesMinor: 10.5 }).success).toBe(false);
    expect(OrderFactSchema.safeParse({ ...orderFact, placedAt: new Date("nonsense") }).success).toBe(false);
  });

  it("GIVEN customers, movements and survey answers THEN their ranges are enforced", () => {
    expect(CustomerFactSchema.safeParse({ customerId: "c1", enrolledAt: null }).success).toBe(true);
    expect(PointsMovementSchema.safeParse({ at: new Date("2026-01-01"), kind: "earned", points: -50, costMinor: 0 }).success).toBe(true);
    expect(PointsMovementSchema.safeParse({ at: new Date("2026-01-01"), kind: "gifted", points: 5, costMinor: 0 }).success).toBe(false);
    const answer = { customerId: null, respondedAt: new Date("2026-01-01"), recommend: 10, satisfaction: 5, effort: 1 };
    expect(SurveyResponseSchema.safeParse(answer).success).toBe(true);
    expect(SurveyResponseSchema.safeParse({ ...answer, recommend: 11 }).success).toBe(false);
    expect(SurveyResponseSchema.safeParse({ ...answer, satisfaction: 0 }).success).toBe(false);
    expect(SurveyResponseSchema.safeParse({ ...answer, effort: 8 }).success).toBe(false);
    expect(SurveyResponseSchema.safeParse({ ...answer, recommend: null, satisfaction: null, effort: null }).success).toBe(true);
  });
});
