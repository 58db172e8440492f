import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FUNCTION_VARIABLES_MAX_BYTES, functionVariables, functionVariablesValue, holdsFunctionVariables } from "./function-variables";

const limitedTo = (...ids: number[]) => ({ conditions: { collectionIds: ids.map((id) => `gid://shopify/Collection/${id}`) } });

describe("functionVariables: the collections the discount Function must ask about", () => {
  it.each([
    ["no reward limited to collections", [limitedTo(), limitedTo()], []],
    ["one reward's collections", [limitedTo(2, 1)], ["gid://shopify/Collection/1", "gid://shopify/Collection/2"]],
    ["a collection two rewards share, once", [limitedTo(3, 1), limitedTo(1)], ["gid://shopify/Collection/1", "gid://shopify/Collection/3"]],
  ] as const)("%s", (_, rewards, expected) => {
    expect(functionVariables(rewards).collectionIds).toEqual(expected);
  });

  it("GIVEN the same rewards in any order THEN the same value (an unchanged program rewrites nothing)", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 5 }), { maxLength: 6 }), (lists) => {
        const rewards = lists.map((ids) => limitedTo(...ids));
        const forward = functionVariables(rewards);
        const backward = functionVariables([...rewards].reverse());
        expect(backward).toEqual(forward);
        expect(new Set(forward.collectionIds).size).toBe(forward.collectionIds.length);
        expect(holdsFunctionVariables(JSON.stringify(forward), backward)).toBe(true);
      }),
    );
  });
});

describe("functionVariablesValue: the metafield's JSON", () => {
  it("GIVEN collections THEN the JSON the Function's input query reads as $collectionIds", () => {
    expect(functionVariablesValue(functionVariables([limitedTo(5)]))).toEqual({ ok: true, value: '{"collectionIds":["gid://shopify/Collection/5"]}' });
  });

  it("GIVEN more collection ids than a Function can read THEN a refusal that says why, never a truncated list", () => {
    const many = limitedTo(...Array.from({ length: 400 }, (_, index) => 1_000_000_000 + index));
    const outcome = functionVariablesValue(functionVariables([many]));
    expect(outcome).toEqual({ ok: false, message: expect.stringContaining("400 collections") });
    const fits = functionVariablesValue(functionVariables([limitedTo(...Array.from({ length: 200 }, (_, index) => 1_000_000_000 + index))]));
    expect(fits.ok && fits.value.length <= FUNCTION_VARIABLES_MAX_BYTES).toBe(true);
  });
});

describe("holdsFunctionVariables: whether Shopify already has the value", () => {
  const wanted = functionVariables([limitedTo(1, 2)]);
  it.each([
    ["nothing stored", null, false],
    ["the same list", '{"collectionIds":["gid://shopify/Collection/1","gid://shopify/Collection/2"]}', true],
    ["another order", '{"collectionIds":["gid://shopify/Collection/2","gid://shopify/Collection/1"]}', false],
    ["one missing", '{"collectionIds":["gid://shopify/Collection/1"]}', false],
    ["not JSON", "collectionIds", false],
    ["another shape", '{"ids":[]}', false],
  ] as const)("%s → %s", (_, stored, expected) => {
    expect(holdsFunctionVariables(stored, wanted)).toBe(expected);
  });
});
