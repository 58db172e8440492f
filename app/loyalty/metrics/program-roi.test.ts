import { describe, expect, it } from "vitest";
import { memberComparison, redeemerComparison } from "./member-comparison";
import { customer, order, period } from "./metric-fixtures";
import { memberProgramRoi, programRoi, redeemerProgramRoi, ROI_COMPARISON_GROUPS } from "./program-roi";
import { basisPoints, isDefined, minorUnits, ratio } from "./ratio";

/**
 * January 2026: members M1 (100.00 + 60.00) and M2 (80.00) spent 240.00 → 120.00 per member;
 * non-members N1 (50.00) and N2 (40.00) → 45.00 per non-member.
 * Incremental revenue = (120.00 − 45.00) × 2 members = 150.00.
 * With rewards costing 100.00: ROI = (150 − 100) / 100 = 50 %.
 */
const january = period("2026-01-01", "2026-01-31");
const customers = [customer("M1", "2025-12-01"), customer("M2", "2025-12-01"), customer("N1", null), customer("N2", null)];
const shop = [
  order("M1", "2026-01-05", 10_000),
  order("M1", "2026-01-20", 6_000),
  order("M2", "2026-01-15", 8_000),
  order("N1", "2026-01-08", 5_000),
  order("N2", "2026-01-09", 4_000),
  order(null, "2026-01-10", 50_000),
];

describe("program ROI = (incremental revenue − reward cost) / reward cost", () => {
  const comparison = memberComparison(shop, customers, january);

  it("GIVEN members spend 120.00 each and non-members 45.00 THEN incremental revenue = 75.00 × 2 = 150.00 and ROI at 100.00 cost = 50 %", () => {
    const roi = memberProgramRoi(comparison, 10_000);
    expect(roi.programRevenuePerCustomer).toEqual(ratio(24_000, 2));
    expect(roi.comparisonRevenuePerCustomer).toEqual(ratio(9_000, 2));
    expect(minorUnits(roi.incrementalRevenue)).toBe(15_000);
    expect(roi.roi).toEqual(ratio(1, 2));
    expect(basisPoints(roi.roi)).toBe(5_000);
  });

  it("GIVEN the result THEN it names its comparison group so the report can show it", () => {
    const roi = memberProgramRoi(comparison, 10_000);
    expect(roi.comparisonGroup).toBe("nonMembers");
    expect(roi.comparisonName).toBe("Non-members");
    expect(roi.comparisonDescription).toBe(ROI_COMPARISON_GROUPS.nonMembers.description);
  });

  it("GIVEN rewards cost 200.00 THEN ROI = (150 − 200) / 200 = −25 %", () => {
    expect(memberProgramRoi(comparison, 20_000).roi).toEqual(ratio(-1, 4));
  });

  it("GIVEN no reward cost THEN ROI is not defined (no division by zero)", () => {
    expect(isDefined(memberProgramRoi(comparison, 0).roi)).toBe(false);
  });

  it("GIVEN every customer is enrolled, so there are no non-members THEN ROI against non-members is not defined", () => {
    const everyone = customers.map((c) => customer(c.customerId, "2025-12-01"));
    const roi = memberProgramRoi(memberComparison(shop, everyone, january), 10_000);
    expect(isDefined(roi.incrementalRevenue)).toBe(false);
    expect(isDefined(roi.roi)).toBe(false);
  });

  it("GIVEN that case THEN redeemers against members who never redeemed still give an ROI: (160 − 80) × 1 = 80.00, at 40.00 cost = 100 %", () => {
    const roi = redeemerProgramRoi(redeemerComparison(shop, customers, january, new Set(["M1"])), 4_000);
    expect(roi.comparisonGroup).toBe("nonRedeemers");
    expect(minorUnits(roi.incrementalRevenue)).toBe(8_000);
    expect(roi.roi).toEqual(ratio(1, 1));
  });

  it("GIVEN any two groups THEN programRoi uses revenue per customer = AOV × frequency", () => {
    const roi = programRoi({ program: comparison.members, comparison: comparison.nonMembers, comparisonGroup: "nonMembers", rewardCostMinor: 15_000 });
    expect(roi.roi).toEqual(ratio(0, 1));
  });
});
