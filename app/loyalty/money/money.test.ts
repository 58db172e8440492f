import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { minorUnitsPerUnit } from "./currency";
import { addMoney, formatDecimal, money, parseMoney, subtractMoney } from "./money";

describe("parseMoney", () => {
  it.each([
    ["414.95", "USD", 41495],
    ["0.00", "USD", 0],
    ["10", "USD", 1000],
    ["10.5", "USD", 1050],
    ["10.000", "USD", 1000],
    ["-5.00", "USD", -500],
    ["1500", "JPY", 1500],
    ["1500.00", "JPY", 1500],
    ["12.500", "KWD", 12500],
    ["0.001", "KWD", 1],
    [" 7.25 ", "EUR", 725],
  ])("GIVEN %s %s THEN it is %i minor units", (amount, currency, minor) => {
    expect(parseMoney(amount, currency)).toEqual({ ok: true, value: { minor, currency } });
  });

  it.each([
    ["example string", "USD", "invalid_amount"],
    ["", "USD", "invalid_amount"],
    ["1e5", "USD", "invalid_amount"],
    ["1,000.00", "USD", "invalid_amount"],
    ["10.", "USD", "invalid_amount"],
    ["10.001", "USD", "inexact_amount"],
    ["1500.5", "JPY", "inexact_amount"],
    ["99999999999999999.00", "USD", "unsafe_amount"],
    ["1.00", "usd", "invalid_currency"],
    ["1.00", "example string", "invalid_currency"],
  ])("GIVEN %s %s THEN it is rejected as %s", (amount, currency, error) => {
    const parsed = parseMoney(amount, currency);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toBe(error);
  });

  it("never yields negative zero", () => {
    const parsed = parseMoney("-0.00", "USD");
    expect(parsed.ok && Object.is(parsed.value.minor, -0)).toBe(false);
  });
});

describe("formatDecimal", () => {
  it.each([
    [41495, "USD", "414.95"],
    [5, "USD", "0.05"],
    [-500, "USD", "-5.00"],
    [1500, "JPY", "1500"],
    [1, "KWD", "0.001"],
  ])("formats %i %s as %s", (minor, currency, text) => {
    expect(formatDecimal(money(minor, currency))).toBe(text);
  });

  it("round-trips with parseMoney for any amount in any exponent", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom("USD", "JPY", "KWD", "CLF"), (minor, currency) => {
        expect(parseMoney(formatDecimal(money(minor, currency)), currency)).toEqual({ ok: true, value: { minor: minor === 0 ? 0 : minor, currency } });
      }),
    );
  });
});

describe("money arithmetic", () => {
  it("adds and subtracts within one currency", () => {
    expect(addMoney(money(150, "USD"), money(250, "USD"))).toEqual(money(400, "USD"));
    expect(subtractMoney(money(150, "USD"), money(250, "USD"))).toEqual(money(-100, "USD"));
  });

  it("refuses to mix currencies (a bug, so it throws)", () => {
    expect(() => addMoney(money(1, "USD"), money(1, "EUR"))).toThrow(/currency mismatch/);
  });

  it("refuses non-integer minor units", () => {
    expect(() => money(1.5, "USD")).toThrow(/safe integer/);
  });

  it("knows how many minor units make one unit", () => {
    expect([minorUnitsPerUnit("USD"), minorUnitsPerUnit("JPY"), minorUnitsPerUnit("KWD")]).toEqual([100, 1, 1000]);
  });
});
