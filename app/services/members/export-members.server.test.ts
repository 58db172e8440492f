import { describe, expect, it } from "vitest";
import { csvField, csvRow } from "./export-members.server";

describe("a CSV field (RFC 4180, safe from spreadsheet formulas)", () => {
  it.each([
    ["plain text stays as it is", "Amina Salem", "Amina Salem"],
    ["a comma is quoted", "Smith, Jr", '"Smith, Jr"'],
    ["quotes are doubled inside quotes", 'The "Boss"', '"The ""Boss"""'],
    ["a line break is quoted", "two\nlines", '"two\nlines"'],
    ["a CR LF is quoted", "two\r\nlines", '"two\r\nlines"'],
    ["= starts a formula: prefixed", "=1+2", "'=1+2"],
    ["+ starts a formula: prefixed", "+1", "'+1"],
    ["- starts a formula: prefixed", "-1", "'-1"],
    ["@ starts a formula: prefixed", "@SUM(A1)", "'@SUM(A1)"],
    ["a leading tab: prefixed", "\t=1", "'\t=1"],
    ["a leading CR: prefixed and quoted", "\r=1", "\"'\r=1\""],
    ["prefixed and quoted together", '=HYPERLINK("x"),y', "\"'=HYPERLINK(\"\"x\"\"),y\""],
    ["a formula character later on is harmless", "a=b", "a=b"],
  ])("%s", (_name, value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it("writes our numbers as they are, even negative ones, and nothing for null", () => {
    expect(csvRow([-5, 0, null, "x"])).toBe("-5,0,,x\r\n");
  });
});
