import { describe, expect, it } from "vitest";
import { parseReportSettings } from "./report-settings";

describe("the merchant's report settings", () => {
  it("GIVEN only a time zone THEN the defaults apply: 180 days, lifespan from churn, redemption from history, default weights, target 2", () => {
    const parsed = parseReportSettings({ timeZone: "Asia/Tehran" });
    expect(parsed.ok && parsed.value).toEqual({
      timeZone: "Asia/Tehran",
      inactivityDays: 180,
      lifespanMonths: null,
      expectedRedemptionBasisPoints: null,
      loyaltyIndexWeights: { retention: 30, repeat: 25, frequency: 20, nps: 25 },
      frequencyTarget: { numerator: 2, denominator: 1 },
    });
  });

  it.each([
    [{ timeZone: "Mars/Olympus" }, /time zone/],
    [{ timeZone: "UTC", inactivityDays: 0 }, /at least 1 day/],
    [{ timeZone: "UTC", inactivityDays: 90.5 }, /whole number/],
    [{ timeZone: "UTC", expectedRedemptionBasisPoints: 12_000 }, /100 %/],
    [{ timeZone: "UTC", loyaltyIndexWeights: { retention: 50, repeat: 50, frequency: 50, nps: 0 } }, /add up to 100/],
    [{ timeZone: "UTC", frequencyTarget: { numerator: 0, denominator: 1 } }, /above 0/],
  ])("GIVEN %o THEN it is refused with a message a merchant understands", (input, message) => {
    const parsed = parseReportSettings(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });
});
