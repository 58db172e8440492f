import { describe, expect, it } from "vitest";
import { parseWebhookJson } from "./json";

describe("parseWebhookJson", () => {
  it("GIVEN ids within 2^53 THEN it is JSON.parse", () => {
    expect(parseWebhookJson('{"id":123,"price":"1.00","n":1.5}')).toEqual({ id: 123, price: "1.00", n: 1.5 });
  });

  it("GIVEN an id beyond 2^53 THEN it comes back as its exact digits", () => {
    expect(parseWebhookJson('{"order_id":820982911946154508,"amount":75.5,"small":7}')).toEqual({ order_id: "820982911946154508", amount: 75.5, small: 7 });
  });

  it("GIVEN a 16-digit run inside a string only THEN numbers are unchanged", () => {
    expect(parseWebhookJson('{"note":"ref 1234567890123456","id":5}')).toEqual({ note: "ref 1234567890123456", id: 5 });
  });

  it("rejects invalid JSON", () => {
    expect(() => parseWebhookJson("{oops")).toThrow();
  });
});
