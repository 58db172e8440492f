import { describe, expect, it } from "vitest";
import { csvField, csvRow } from "./csv";

describe("a CSV field (RFC 4180, safe from spreadsheet formulas)", () => {
  it.each([
    ["plain text stays as it is", "Amina Salem", "Amina Salem"],
    ["a comma is quoted", "Smith, Jr", '"Smith, Jr"'],
    ["quotes are doubled inside quotes", 'The "Boss"', '"The ""Boss"""'],
    ["a line break is quoted", "two\nlines", '"two\nlines"'],
    ["a CR LF is quoted", "two\r\nlines", '"two\r\nlines"'],
    ["prefixed and quoted together", '=HYPERLINK("x"),y', "\"'=HYPERLINK(\"\"x\"\"),y\""],
    ["a formula character later on is harmless", "a=b", "a=b"],
    ["a plain negative number written as text stays a number", "-12", "-12"],
    ["a plain percentage stays as it is", "-3.5%", "-3.5%"],
  ])("%s", (_name, value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  // Every way a cell can start a formula, or hide one behind characters a spreadsheet strips.
  it.each([
    ["=", "=1+2"],
    ["+", "+1+2"],
    ["-", "-1+2"],
    ["@", "@SUM(A1)"],
    ["a full-width ＝", "＝1+2"],
    ["a full-width ＋", "＋1+2"],
    ["a full-width －", "－1+2"],
    ["a full-width ＠", "＠SUM(A1)"],
    ["a small ﹦", "﹦1+2"],
    ["a minus sign", "−1+2"],
    ["a tab", "\t=1+2"],
    ["a carriage return", "\r=1+2"],
    ["a line feed", "\n=1+2"],
    ["a space", " =1+2"],
    ["a no-break space", "\u00A0=1+2"],
    ["a zero-width space", "\u200B=1+2"],
    ["a byte order mark", "\uFEFF=1+2"],
    ["an ideographic space", "\u3000=1+2"],
  ])("GIVEN text starting with %s THEN it is neutralised with a leading apostrophe", (_name, value) => {
    const field = csvField(value);
    const content = field.startsWith('"') ? field.slice(1, -1).replace(/""/g, '"') : field;
    expect(content).toBe(`'${value}`);
    // Quoted exactly when it holds a comma, a quote or a line break.
    expect(field.startsWith('"')).toBe(/[",\r\n]/.test(value));
  });

  it("writes our numbers as they are, even negative ones, and nothing for null", () => {
    expect(csvRow([-5, 0, null, "x"])).toBe("-5,0,,x\r\n");
  });
});
