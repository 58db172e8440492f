import { describe, expect, it } from "vitest";
import { customerLine, orderLines } from "../../test/history-jsonl";
import { HistoryRecordAssembler, type HistoryRecord } from "./history-lines";
import { jsonlLines } from "./jsonl";

async function* chunksOf(text: string, size: number) {
  const bytes = new TextEncoder().encode(text);
  for (let index = 0; index < bytes.length; index += size) yield bytes.subarray(index, index + size);
}

const assemble = (lines: readonly string[]) => {
  const assembler = new HistoryRecordAssembler();
  const records: HistoryRecord[] = lines.flatMap((line, index) => assembler.push(line, index + 1));
  return [...records, ...assembler.finish()];
};

describe("JSONL lines", () => {
  it.each([1, 3, 7, 1000])("GIVEN chunks of %i bytes (splitting lines and multi-byte characters) THEN the same lines and end offsets", async (size) => {
    const text = '{"a":"é"}\n\n{"b":2}\n{"c":3}';
    const lines = [];
    for await (const line of jsonlLines(chunksOf(text, size), 0)) lines.push(line);
    expect(lines).toEqual([{ text: '{"a":"é"}', endOffset: 11 }, { text: '{"b":2}', endOffset: 20 }, { text: '{"c":3}', endOffset: 27 }]);
  });
});

describe("assembling orders from their lines", () => {
  it("GIVEN an order followed by its line items THEN one snapshot with every line, in shop money minor units", () => {
    const [record] = assemble(orderLines({ id: 1, customerId: 5, processedAt: "2025-01-01T00:00:00Z", status: "PARTIALLY_REFUNDED", refundIds: [3, 2] }));
    expect(record).toMatchObject({ kind: "order", snapshot: { orderId: "gid://shopify/Order/1", customerId: "gid://shopify/Customer/5", financialStatus: "partially_refunded", subtotalMinor: 2000, includedRefundIds: ["gid://shopify/Refund/2", "gid://shopify/Refund/3"] } });
    expect(record?.kind === "order" && record.snapshot.lines).toHaveLength(2);
  });

  it("GIVEN customers and orders interleaved THEN each comes out once, in file order", () => {
    const records = assemble([customerLine(1), ...orderLines({ id: 1, customerId: 1, processedAt: "2025-01-01T00:00:00Z" }), ...orderLines({ id: 2, customerId: null, processedAt: "2025-01-02T00:00:00Z", lines: 0 })]);
    expect(records.map((record) => record.kind)).toEqual(["customer", "order", "order"]);
  });

  it("GIVEN a bad line item THEN its whole order is skipped, and the next order is unaffected", () => {
    const [order, ...items] = orderLines({ id: 1, customerId: 1, processedAt: "2025-01-01T00:00:00Z" });
    const broken = (items[0] ?? "").replace('"quantity":1', '"quantity":-1');
    const records = assemble([order ?? "", broken, ...items.slice(1), ...orderLines({ id: 2, customerId: 1, processedAt: "2025-01-02T00:00:00Z" })]);
    expect(records.map((record) => record.kind)).toEqual(["skipped", "order"]);
    expect(records[0]).toMatchObject({ message: expect.stringContaining("line 2") });
  });

  it.each([
    ["a line item's quantity", (item: string) => item.replace('"quantity":1', '"quantity":"1"'), "line 2: quantity: expected a whole number, 0 or more"],
    ["a line item's price", (item: string) => item.replace('"amount":"10.00"', '"amount":"ten"'), 'line 2: originalUnitPriceSet.shopMoney.amount: "ten" is not a decimal amount'],
    ["a line item's product", (item: string) => item.replace('"gid://shopify/Product/7"', '"7"'), "line 2: product.id: expected a gid://shopify/Product/… id"],
  ])("GIVEN a malformed %s THEN the message names the line and the field", (_name, breakItem, message) => {
    const [order, ...items] = orderLines({ id: 1, customerId: 1, processedAt: "2025-01-01T00:00:00Z" });
    const records = assemble([order ?? "", breakItem(items[0] ?? ""), ...items.slice(1)]);
    expect(records).toEqual([{ kind: "skipped", message: `${message} (order gid://shopify/Order/1 skipped)` }]);
  });

  it.each([
    ["not JSON", "{oops"],
    ["no id", '{"name":"x"}'],
    ["an unknown object", '{"id":"gid://shopify/Product/1"}'],
    ["a line item whose order is not the one before it", '{"id":"gid://shopify/LineItem/1","__parentId":"gid://shopify/Order/99"}'],
    ["an amount in another currency", orderLines({ id: 3, customerId: null, processedAt: "2025-01-01T00:00:00Z", lines: 0 })[0]?.replace('"currencyCode":"USD"}}', '"currencyCode":"EUR"}}') ?? ""],
    ["a customer with a bad timestamp", customerLine(1).replace('"2025-06-01T00:00:00Z"', '"yesterday"')],
  ])("GIVEN %s THEN the line is skipped with a message", (_name, line) => {
    const records = assemble([line]);
    expect(records).toHaveLength(1);
    expect(records[0]?.kind).toBe("skipped");
  });
});
