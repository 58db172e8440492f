import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseWebhookJson } from "../json";
import { CustomersDataRequestPayload, CustomersRedactPayload, ScopesUpdatePayload, ShopRedactPayload } from "./compliance";
import { CustomerPayload, customerFacts } from "./customer";
import { orderFacts, OrderPayload } from "./order";
import { RefundPayload, refundRecord } from "./refund";

const sample = (name: string) => parseWebhookJson(readFileSync(path.resolve("app", "test", "fixtures", "shopify-webhooks", name), "utf8"));

describe("Shopify's documented webhook samples parse into domain facts", () => {
  it.each(["orders_create.json", "orders_paid.json", "orders_updated.json", "orders_cancelled.json"])("%s", (name) => {
    const facts = orderFacts(OrderPayload.parse(sample(name)));
    expect(facts.snapshot).toMatchObject({
      orderId: "gid://shopify/Order/820982911946154508",
      customerId: "gid://shopify/Customer/115310627314723954",
      currency: "USD",
      subtotalMinor: 41_495,
      test: true,
    });
    expect(facts.snapshot.lines.every((line) => Number.isSafeInteger(line.unitPriceMinor))).toBe(true);
  });

  it("refunds_create.json: shop money line subtotals, exact order id", () => {
    const record = refundRecord(RefundPayload.parse(sample("refunds_create.json")), "USD");
    expect(record.refundId).toBe("gid://shopify/Refund/890088186047892319");
    expect(record.orderId).toBe("gid://shopify/Order/820982911946154500");
    expect(record.lineSubtotalMinor + record.giftCardMinor).toBeGreaterThan(0);
  });

  it("customers_create.json", () => {
    expect(customerFacts(CustomerPayload.parse(sample("customers_create.json")))).toMatchObject({
      customerGid: "gid://shopify/Customer/706405506930370084",
      email: "bob@biller.com",
      firstName: "Bob",
    });
  });

  it.each([
    ["customers_redact.json", CustomersRedactPayload],
    ["customers_data_request.json", CustomersDataRequestPayload],
    ["shop_redact.json", ShopRedactPayload],
    ["app_scopes_update.json", ScopesUpdatePayload],
  ] as const)("%s", (name, schema) => {
    expect(schema.safeParse(sample(name)).success).toBe(true);
  });

  it("the anonymised order, whose values are dummies, breaks the schema, with reasons", () => {
    const parsed = OrderPayload.safeParse(sample("real-anonymised/orders_1.json"));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.length).toBeGreaterThan(0);
  });

  it("an order whose shop money mixes currencies breaks the schema", () => {
    const order = sample("orders_paid.json") as Record<string, unknown>;
    const mixed = { ...order, current_total_price_set: { shop_money: { amount: "1.00", currency_code: "EUR" } } };
    expect(OrderPayload.safeParse(mixed).success).toBe(false);
  });
});
