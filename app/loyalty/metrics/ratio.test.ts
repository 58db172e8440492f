import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  addRatios,
  basisPoints,
  clampRatio,
  compareRatios,
  divideRatios,
  formatFixed,
  formatOneIn,
  formatPercent,
  isDefined,
  minorUnits,
  multiplyRatios,
  NOT_DEFINED,
  ONE,
  ratio,
  RatioSchema,
  ratioValue,
  roundRatio,
  sameValue,
  subtractRatios,
  ZERO,
} from "./ratio";

describe("a ratio is an exact fraction with raw counts", () => {
  it("GIVEN 3 retained of 4 THEN it keeps 3/4 and shows 75 % (7,500 basis points)", () => {
    const retained = ratio(3, 4);
    expect(retained).toEqual({ numerator: 3, denominator: 4 });
    expect(basisPoints(retained)).toBe(7_500);
    expect(formatPercent(retained)).toBe("75.0%");
    expect(ratioValue(retained)).toBe(0.75);
  });

  it("GIVEN raw counts that share a factor THEN they are not reduced (the UI says '6 of 8')", () => {
    expect(ratio(6, 8)).toEqual({ numerator: 6, denominator: 8 });
  });

  it("GIVEN a negative denominator THEN the sign moves to the numerator", () => {
    expect(ratio(1, -2)).toEqual({ numerator: -1, denominator: 2 });
    expect(ratio(0, -2)).toEqual({ numerator: 0, denominator: 2 });
    expect(Object.is(ratio(-0, 3).numerator, 0)).toBe(true);
  });

  it("GIVEN a non-integer or unsafe part THEN it is a bug and throws", () => {
    expect(() => ratio(0.5, 1)).toThrow();
    expect(() => ratio(1, Number.NaN)).toThrow();
    expect(() => ratio(2 ** 60, 1)).toThrow();
  });
});

describe("nothing to divide by is 'not defined', never NaN or Infinity", () => {
  it("GIVEN no customers at the start (x/0) THEN every reading is null", () => {
    const empty = ratio(0, 0);
    expect(isDefined(empty)).toBe(false);
    expect(ratioValue(empty)).toBeNull();
    expect(roundRatio(empty)).toBeNull();
    expect(basisPoints(ratio(5, 0))).toBeNull();
    expect(minorUnits(empty)).toBeNull();
    expect(formatPercent(empty)).toBeNull();
    expect(formatFixed(empty)).toBeNull();
    expect(formatOneIn(empty)).toBeNull();
  });

  it("GIVEN arithmetic with an undefined operand or a zero divisor THEN the result is not defined", () => {
    expect(isDefined(addRatios(NOT_DEFINED, ONE))).toBe(false);
    expect(isDefined(multiplyRatios(ONE, NOT_DEFINED))).toBe(false);
    expect(isDefined(divideRatios(ONE, ZERO))).toBe(false);
    expect(isDefined(subtractRatios(NOT_DEFINED, NOT_DEFINED))).toBe(false);
    expect(isDefined(clampRatio(NOT_DEFINED, ZERO, ONE))).toBe(false);
  });

  it("GIVEN an undefined ratio THEN comparing it is a bug", () => {
    expect(() => compareRatios(NOT_DEFINED, ONE)).toThrow();
    expect(sameValue(NOT_DEFINED, ratio(3, 0))).toBe(true);
    expect(sameValue(NOT_DEFINED, ZERO)).toBe(false);
  });
});

describe("display rounding is half away from zero, done once", () => {
  it.each([
    [ratio(5, 2), 3], // 2.5 → 3
    [ratio(-5, 2), -3], // −2.5 → −3
    [ratio(7, 3), 2], // 2.33 → 2
    [ratio(8, 3), 3], // 2.67 → 3
    [ratio(1001, 2), 501], // an AOV of 500.5 minor units → 501
    [ratio(0, 7), 0],
  ])("GIVEN %o THEN it rounds to %i", (value, expected) => {
    expect(roundRatio(value)).toBe(expected);
  });

  it("GIVEN 1/8 THEN basis points are 1,250 and the percentage 12.5%; 2/3 is 66.7%", () => {
    expect(basisPoints(ratio(1, 8))).toBe(1_250);
    expect(formatPercent(ratio(1, 8))).toBe("12.5%");
    expect(formatPercent(ratio(2, 3))).toBe("66.7%");
    expect(formatPercent(ratio(2, 3), 0)).toBe("67%");
  });

  it("GIVEN fixed decimals THEN 33/10 is '3.30', −1/8 is '-0.13' and a tiny negative is '0.00'", () => {
    expect(formatFixed(ratio(33, 10))).toBe("3.30");
    expect(formatFixed(ratio(-1, 8))).toBe("-0.13");
    expect(formatFixed(ratio(-1, 1000))).toBe("0.00");
    expect(formatFixed(ratio(7, 2), 0)).toBe("4");
    expect(() => formatFixed(ONE, 7)).toThrow();
    expect(() => roundRatio(ONE, 0)).toThrow();
  });

  it("GIVEN 3 repeat customers of 10 THEN the guides' ratio is '1:3.3'; 1 of 4 is '1:4.0'; none is null", () => {
    expect(formatOneIn(ratio(3, 10))).toBe("1:3.3");
    expect(formatOneIn(ratio(1, 4))).toBe("1:4.0");
    expect(formatOneIn(ratio(0, 10))).toBeNull();
  });

  it("PROPERTY: for non-negative values rounding agrees with Math.round", () => {
    fc.assert(
      fc.property(fc.nat({ max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), (n, d) => {
        expect(roundRatio(ratio(n, d))).toBe(Math.round(n / d));
      }),
    );
  });

  it("PROPERTY: a share between 0 and 1 is 0..10,000 basis points", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.nat({ max: 10_000_000 }), (d, n) => {
        const bp = basisPoints(ratio(Math.min(n, d), d));
        expect(bp).toBeGreaterThanOrEqual(0);
        expect(bp).toBeLessThanOrEqual(10_000);
      }),
    );
  });
});

describe("arithmetic is exact", () => {
  it("GIVEN 1/2 and 1/3 THEN sum 5/6, difference 1/6, product 1/6, quotient 3/2, all reduced", () => {
    const half = ratio(1, 2);
    const third = ratio(1, 3);
    expect(addRatios(half, third)).toEqual(ratio(5, 6));
    expect(subtractRatios(half, third)).toEqual(ratio(1, 6));
    expect(multiplyRatios(half, third)).toEqual(ratio(1, 6));
    expect(divideRatios(half, third)).toEqual(ratio(3, 2));
    expect(multiplyRatios(ratio(3, 4), ratio(2, 3))).toEqual(ratio(1, 2));
    expect(divideRatios(ratio(1, 2), ratio(-1, 4))).toEqual(ratio(-2, 1));
  });

  it("GIVEN comparisons and clamps THEN 2/3 > 3/5, and 3/2 clamps to 1", () => {
    expect(compareRatios(ratio(2, 3), ratio(3, 5))).toBe(1);
    expect(compareRatios(ratio(6, 8), ratio(3, 4))).toBe(0);
    expect(compareRatios(ratio(-1, 2), ZERO)).toBe(-1);
    expect(clampRatio(ratio(3, 2), ZERO, ONE)).toEqual(ONE);
    expect(clampRatio(ratio(-3, 2), ZERO, ONE)).toEqual(ZERO);
    expect(clampRatio(ratio(1, 2), ZERO, ONE)).toEqual(ratio(1, 2));
  });

  it("GIVEN a product of shop-sized money sums beyond 2^53 THEN it keeps 15 significant digits and stays safe", () => {
    const big = Number.MAX_SAFE_INTEGER;
    const product = multiplyRatios(ratio(big, big - 1), ratio(big - 2, big - 3));
    expect(Number.isSafeInteger(product.numerator)).toBe(true);
    expect(Number.isSafeInteger(product.denominator)).toBe(true);
    expect(Math.abs((ratioValue(product) ?? 0) - 1)).toBeLessThan(1e-14);
  });

  it("GIVEN a value itself beyond 2^53 THEN it is a bug and throws", () => {
    expect(() => multiplyRatios(ratio(Number.MAX_SAFE_INTEGER, 1), ratio(Number.MAX_SAFE_INTEGER, 1))).toThrow(RangeError);
  });

  it("PROPERTY: addition and multiplication agree with cross-multiplication", () => {
    const small = fc.integer({ min: -100_000, max: 100_000 });
    const positive = fc.integer({ min: 1, max: 100_000 });
    fc.assert(
      fc.property(small, positive, small, positive, (an, ad, bn, bd) => {
        const sum = addRatios(ratio(an, ad), ratio(bn, bd));
        expect(BigInt(sum.numerator) * BigInt(ad * bd)).toBe(BigInt(an * bd + bn * ad) * BigInt(sum.denominator));
        const product = multiplyRatios(ratio(an, ad), ratio(bn, bd));
        expect(BigInt(product.numerator) * BigInt(ad) * BigInt(bd)).toBe(BigInt(an) * BigInt(bn) * BigInt(product.denominator));
        expect(sameValue(subtractRatios(sum, ratio(bn, bd)), ratio(an, ad))).toBe(true);
      }),
    );
  });
});

describe("merchant-entered ratios", () => {
  it("GIVEN a target of 33/10 THEN it parses; a zero denominator or a fraction does not", () => {
    expect(RatioSchema.safeParse({ numerator: 33, denominator: 10 }).success).toBe(true);
    expect(RatioSchema.safeParse({ numerator: 1, denominator: 0 }).success).toBe(false);
    expect(RatioSchema.safeParse({ numerator: 1.5, denominator: 1 }).success).toBe(false);
  });
});
