import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseWebhookJson } from "./json";

/** An integer written beyond 2^53, as its digits (what the parser must return). */
class UnsafeInteger {
  constructor(readonly digits: string) {}
}

describe("parseWebhookJson", () => {
  it("GIVEN ids within 2^53 THEN it is JSON.parse", () => {
    expect(parseWebhookJson('{"id":123,"price":"1.00","n":1.5}')).toEqual({ id: 123, price: "1.00", n: 1.5 });
  });

  it("GIVEN an id beyond 2^53 THEN it comes back as its exact digits", () => {
    expect(parseWebhookJson('{"order_id":820982911946154508,"amount":75.5,"small":7,"list":[9007199254740993,-9007199254740993]}')).toEqual({
      order_id: "820982911946154508",
      amount: 75.5,
      small: 7,
      list: ["9007199254740993", "-9007199254740993"],
    });
  });

  it("GIVEN 16-digit runs inside strings, escaped quotes, fractions and exponents THEN only unsafe integers change", () => {
    const text = '{"note":"ref 1234567890123456 \\" 9007199254740993","x":1234567890123456.5,"e":12345678901234567e2,"safe":9007199254740991}';
    expect(parseWebhookJson(text)).toEqual({ note: 'ref 1234567890123456 " 9007199254740993', x: 1234567890123456.5, e: Number("12345678901234567e2"), safe: 9007199254740991 });
  });

  it("agrees with JSON.parse on everything but unsafe integers, which keep their digits", () => {
    const leaf = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
      fc.bigInt({ min: 2n ** 53n, max: 2n ** 64n }).map((value) => new UnsafeInteger(value.toString())),
    );
    const tree = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: "small" }, leaf, fc.array(tie("node"), { maxLength: 4 }), fc.dictionary(fc.string().filter((key) => key !== "__proto__"), tie("node"), { maxKeys: 4 })),
    })).node;
    const serialise = (value: unknown): string =>
      Array.isArray(value)
        ? `[${value.map(serialise).join(",")}]`
        : value !== null && typeof value === "object"
          ? value instanceof UnsafeInteger
            ? value.digits
            : `{${Object.entries(value).map(([key, nested]) => `${JSON.stringify(key)}:${serialise(nested)}`).join(",")}}`
          : JSON.stringify(value);
    const expected = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(expected)
        : value !== null && typeof value === "object"
          ? value instanceof UnsafeInteger
            ? value.digits
            : Object.fromEntries(Object.entries(value).map(([key, nested]) => [key, expected(nested)]))
          : unsafeIntegerText(JSON.stringify(value)) ?? JSON.parse(JSON.stringify(value));
    // Any integer written beyond 2^53 comes back as digits, even one a double happens to hold exactly (1e16).
    const unsafeIntegerText = (text: string) => (/^-?\d+$/.test(text) && !Number.isSafeInteger(Number(text)) ? text : null);
    fc.assert(
      fc.property(tree, (value) => {
        expect(parseWebhookJson(serialise(value))).toEqual(expected(value));
      }),
    );
  });

  it("rejects invalid JSON", () => {
    expect(() => parseWebhookJson("{oops")).toThrow();
  });
});
