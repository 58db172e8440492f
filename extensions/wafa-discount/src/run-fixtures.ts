// What the Function's tests share: Shopify's inputs for src/run.graphql, built and checked
// against the Function schema, and the two implementations the same cases run against (the
// TypeScript spec, src/run.ts, and the built Wasm module; docs/decisions/0019-discount-function-wasm.md).
import { readFileSync } from "node:fs";
import { assertInputObjectType, buildSchema, executeSync, GraphQLNonNull, parse, validateInputValue } from "graphql";
import { expect } from "vitest";
import { runDiscountFunction } from "../wasm-runner";
import { COLLECTIONS, CUSTOMER, line, type CartLineInput } from "./cart-builders";
import { cartDeliveryOptionsDiscountsGenerateRun, cartLinesDiscountsGenerateRun, type RunInput } from "./run";

export { COLLECTIONS, CUSTOMER, line, reservation, type CartLineInput } from "./cart-builders";

export const schema = buildSchema(readFileSync(new URL("../schema.graphql", import.meta.url), "utf8"));
export const query = parse(readFileSync(new URL("./run.graphql", import.meta.url), "utf8"));

/** The input Shopify would send for `query` (checked against the schema by executing the query over it). */
export function shopifyInput(input: RunInput): RunInput {
  const result = executeSync({
    schema, document: query, rootValue: input, variableValues: { collectionIds: COLLECTIONS },
    fieldResolver: (source, _args, _context, info) => (source as Record<string, unknown>)[String(info.path.key)],
    typeResolver: (value) => (value as { __typename: string }).__typename,
  });
  if (result.errors) throw new Error(result.errors.map((error) => `${error.message} at ${error.path?.join(".")}`).join("; "));
  expect(result.data).toEqual(input);
  return input;
}

export function expectValidOutput(output: unknown, typeName: string): void {
  const errors: string[] = [];
  validateInputValue(output, new GraphQLNonNull(assertInputObjectType(schema.getType(typeName))), (error, path) => errors.push(`${path.join(".")}: ${error.message}`));
  expect(errors).toEqual([]);
}

export type InputOptions = {
  reservations?: unknown[] | null; customer?: string | null; owner?: string; date?: string; lines?: CartLineInput[];
  subtotal?: string; rate?: string; classes?: ("ORDER" | "PRODUCT" | "SHIPPING")[];
};

export function input(options: InputOptions = {}): RunInput {
  const lines = options.lines ?? [line(1, "40.00"), line(2, "25.50", [COLLECTIONS[0] ?? ""])];
  const metafield = options.reservations === null ? null : { jsonValue: { version: 1, customerId: options.owner ?? CUSTOMER, reservations: options.reservations ?? [] } };
  return shopifyInput({
    presentmentCurrencyRate: options.rate ?? "1.0",
    shop: { localTime: { date: options.date ?? "2026-11-24" } },
    discount: { discountClasses: options.classes ?? ["ORDER", "PRODUCT", "SHIPPING"] },
    cart: {
      buyerIdentity: options.customer === null ? { customer: null } : { customer: { id: options.customer ?? CUSTOMER, reservation: metafield } },
      cost: { subtotalAmount: { amount: options.subtotal ?? "65.50" } },
      lines,
      deliveryGroups: [{ id: "gid://shopify/CartDeliveryGroup/1" }, { id: "gid://shopify/CartDeliveryGroup/2" }],
    },
  });
}

/** One implementation of both targets: each returns the target's output JSON. */
export type FunctionImplementation = {
  readonly name: string;
  readonly cartLines: (input: RunInput) => unknown;
  readonly deliveryOptions: (input: RunInput) => unknown;
};

export const REFERENCE: FunctionImplementation = {
  name: "the TypeScript spec (src/run.ts)",
  cartLines: cartLinesDiscountsGenerateRun,
  deliveryOptions: cartDeliveryOptionsDiscountsGenerateRun,
};

export const WASM: FunctionImplementation = {
  name: "the Wasm module (dist/function.wasm)",
  cartLines: (runInput) => runDiscountFunction("cart-lines-discounts-generate-run", runInput),
  deliveryOptions: (runInput) => runDiscountFunction("cart-delivery-options-discounts-generate-run", runInput),
};

export const IMPLEMENTATIONS = [REFERENCE, WASM] as const;

type Operation = Record<string, unknown>;

function operationsOf(output: unknown): Operation[] {
  expect(output).toMatchObject({ operations: expect.any(Array) });
  return (output as { operations: Operation[] }).operations;
}

/**
 * Both targets through `implementation`, each output valid against the schema; the Wasm's
 * must also equal the spec's exactly, so every case compares the whole output.
 */
export function runBoth(implementation: FunctionImplementation, runInput: RunInput): { lines: Operation[]; delivery: Operation[] } {
  const lines = implementation.cartLines(runInput);
  const delivery = implementation.deliveryOptions(runInput);
  expectValidOutput(lines, "CartLinesDiscountsGenerateRunResult");
  expectValidOutput(delivery, "CartDeliveryOptionsDiscountsGenerateRunResult");
  if (implementation !== REFERENCE) {
    expect(lines).toEqual(REFERENCE.cartLines(runInput));
    expect(delivery).toEqual(REFERENCE.deliveryOptions(runInput));
  }
  return { lines: operationsOf(lines), delivery: operationsOf(delivery) };
}
