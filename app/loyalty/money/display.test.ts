import { describe, expect, it } from "vitest";
import { formatMoney, majorUnitsForChart } from "./display";

describe("money as merchants read it", () => {
  it.each([
    [9123, "USD", "$91.23"],
    [-1000, "USD", "-$10.00"],
    [1500, "JPY", "¥1,500"],
    [12500, "KWD", "KWD\u00a012.500"],
    [123456789012345, "USD", "$1,234,567,890,123.45"],
  ])("GIVEN %i minor units of %s THEN it reads %s", (minor, currency, shown) => {
    expect(formatMoney(minor, currency)).toBe(shown);
  });

  it.each([
    [9209, "USD", 92.09],
    [1500, "JPY", 1500],
    [12500, "KWD", 12.5],
  ])("GIVEN %i minor units of %s THEN a chart plots %d", (minor, currency, plotted) => {
    expect(majorUnitsForChart(minor, currency)).toBe(plotted);
  });
});
