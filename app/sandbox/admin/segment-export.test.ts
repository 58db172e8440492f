import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { replaceSegmentTag, SEGMENT_METAFIELD, writeSegmentMetafields } from "../../shopify/admin/segment-export.server";
import type { AdminGraphql } from "../../shopify/admin/shop-details.server";
import { sandboxRuntime } from "../runtime.server";
import { sandboxCustomerExtras, simulateTagsAdd, simulateTagsRemove } from "./customer-sync";
import { sandboxSegmentMetafield, simulateSegmentMetafieldsDelete, simulateSegmentMetafieldsSet } from "./segment-export";

/** The sandbox edge's dispatch for the export's operations (app/sandbox/edge.server.ts OPERATIONS), in process. */
const SIMULATED: Record<string, (shop: string, variables: Record<string, unknown>) => unknown> = {
  WafaSegmentTagsAdd: simulateTagsAdd,
  WafaSegmentTagsRemove: simulateTagsRemove,
  WafaSegmentMetafieldsSet: simulateSegmentMetafieldsSet,
  WafaSegmentMetafieldsDelete: simulateSegmentMetafieldsDelete,
};

const sandboxAdmin: AdminGraphql = {
  async graphql(query, options) {
    const operation = SIMULATED[/mutation (\w+)/.exec(query)?.[1] ?? ""];
    if (!operation) return Response.json({ errors: [{ message: "not simulated" }] });
    return Response.json({ data: operation("wafa-sandbox.myshopify.com", options?.variables ?? {}) });
  },
};

describe("the sandbox's RFM segment export mutations", () => {
  let customerGid: string;
  const segmentOf = (gid: string) => sandboxSegmentMetafield(gid, SEGMENT_METAFIELD.namespace, SEGMENT_METAFIELD.key);

  beforeAll(() => {
    Object.assign(process.env, {
      WAFA_SANDBOX: "1",
      NODE_ENV: "test",
      SANDBOX_STATE_DIR: mkdtempSync(path.join(tmpdir(), "wafa-segments-")),
      DATABASE_URL: "file:/nonexistent/segment-export.sqlite",
    });
    const store = sandboxRuntime().store;
    const { customerId } = store.createCustomer({ firstName: "Omar", lastName: "Nasser", email: "omar@example.com" }, new Date("2026-03-01T10:00:00Z"));
    customerGid = store.customer(customerId)?.gid ?? "";
  });

  it("GIVEN a customer exported as B, then A, then no longer ranked THEN it carries wafa-rfm-b, then only wafa-rfm-a, then neither, and its metafield follows", async () => {
    simulateTagsAdd("shop", { id: customerGid, tags: ["vip"] });
    expect(await replaceSegmentTag(sandboxAdmin, customerGid, "B")).toEqual({ ok: true, value: null });
    expect(await writeSegmentMetafields(sandboxAdmin, [{ customerGid, segment: "B" }])).toEqual({ ok: true, value: null });
    expect([sandboxCustomerExtras(customerGid).tags, segmentOf(customerGid)]).toEqual([["vip", "wafa-rfm-b"], "B"]);

    await replaceSegmentTag(sandboxAdmin, customerGid, "A");
    await writeSegmentMetafields(sandboxAdmin, [{ customerGid, segment: "A" }]);
    expect([sandboxCustomerExtras(customerGid).tags, segmentOf(customerGid)]).toEqual([["vip", "wafa-rfm-a"], "A"]);

    await replaceSegmentTag(sandboxAdmin, customerGid, null);
    expect(await writeSegmentMetafields(sandboxAdmin, [{ customerGid, segment: null }])).toEqual({ ok: true, value: null });
    expect([sandboxCustomerExtras(customerGid).tags, segmentOf(customerGid)]).toEqual([["vip"], null]);
  });

  it("GIVEN an unknown customer among the metafields THEN the whole call is refused and nothing is set", async () => {
    const stranger = "gid://shopify/Customer/999999999";
    const outcome = await writeSegmentMetafields(sandboxAdmin, [{ customerGid, segment: "C" }, { customerGid: stranger, segment: "A" }]);
    expect(outcome).toEqual({ ok: false, message: "Owner does not exist" });
    expect(segmentOf(customerGid)).toBeNull();
    expect(await replaceSegmentTag(sandboxAdmin, stranger, "A")).toEqual({ ok: false, message: "Customer does not exist" });
    const many = Array.from({ length: 26 }, () => ({ ownerId: customerGid, ...SEGMENT_METAFIELD, value: "A" }));
    expect(simulateSegmentMetafieldsSet("shop", { metafields: many })).toMatchObject({ metafieldsSet: { metafields: null } });
  });
});
