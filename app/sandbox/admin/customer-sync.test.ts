import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { pushMemberState } from "../../shopify/admin/customer-sync.server";
import type { AdminGraphql } from "../../shopify/admin/shop-details.server";
import { sandboxRuntime } from "../runtime.server";
import { sandboxCustomerExtras, simulateMetafieldsSet, simulateTagsAdd, simulateTagsRemove } from "./customer-sync";

const SIMULATED = { WafaCustomerTagsAdd: simulateTagsAdd, WafaCustomerTagsRemove: simulateTagsRemove, WafaCustomerMetafieldsSet: simulateMetafieldsSet } as const;

/** The sandbox edge's dispatch by operation name (app/sandbox/edge.server.ts OPERATIONS), in process. */
const sandboxAdmin: AdminGraphql = {
  async graphql(query, options) {
    const name = /mutation (\w+)/.exec(query)?.[1] ?? "";
    const operation = Object.entries(SIMULATED).find(([operationName]) => operationName === name)?.[1];
    if (!operation) return Response.json({ errors: [{ message: `not simulated: ${name}` }] });
    return Response.json({ data: operation("wafa-sandbox.myshopify.com", options?.variables ?? {}) });
  },
};

describe("the sandbox's customer tag and metafield mutations", () => {
  let customerGid: string;
  beforeAll(() => {
    Object.assign(process.env, {
      WAFA_SANDBOX: "1",
      NODE_ENV: "test",
      SANDBOX_STATE_DIR: mkdtempSync(path.join(tmpdir(), "wafa-sync-")),
      DATABASE_URL: "file:/nonexistent/customer-sync.sqlite",
    });
    const store = sandboxRuntime().store;
    const { customerId } = store.createCustomer({ firstName: "Mona", lastName: "Saleh", email: "mona@example.com" }, new Date("2026-03-01T10:00:00Z"));
    customerGid = store.customer(customerId)?.gid ?? "";
  });

  it("GIVEN a member reaching an early-access tier, then leaving it WHEN the member sync pushes each state twice THEN the customer carries the tag, tier, points and next reward, then neither tag nor stale values", async () => {
    const gold = { tierId: "gold", tierName: "Gold", earlyAccess: true };
    const next = { rewardId: "five-off", name: "$5 off", cost: 500, remaining: 80 };
    expect(await pushMemberState(sandboxAdmin, customerGid, { tier: gold, points: 420, nextReward: next })).toEqual({ ok: true });
    expect(await pushMemberState(sandboxAdmin, customerGid, { tier: gold, points: 420, nextReward: next })).toEqual({ ok: true });
    expect(sandboxCustomerExtras(customerGid)).toEqual({
      tags: ["wafa-early-access"],
      metafields: { "$app.tier": JSON.stringify(gold), "$app.points": "420", "$app.next_reward": JSON.stringify(next) },
    });

    const none = { tierId: null, tierName: null, earlyAccess: false };
    expect(await pushMemberState(sandboxAdmin, customerGid, { tier: none, points: 900, nextReward: null })).toEqual({ ok: true });
    expect(await pushMemberState(sandboxAdmin, customerGid, { tier: none, points: 900, nextReward: null })).toEqual({ ok: true });
    expect(sandboxCustomerExtras(customerGid)).toEqual({ tags: [], metafields: { "$app.tier": JSON.stringify(none), "$app.points": "900", "$app.next_reward": "{}" } });
  });

  it("GIVEN a value that does not fit its type, or more than 25 metafields THEN the whole call is refused and nothing changes", () => {
    const before = sandboxCustomerExtras(customerGid);
    const bad = simulateMetafieldsSet("shop", { metafields: [{ ownerId: customerGid, namespace: "$app", key: "points", value: "12", type: "number_integer" }, { ownerId: customerGid, namespace: "$app", key: "tier", value: "{", type: "json" }] });
    expect(bad).toMatchObject({ metafieldsSet: { metafields: null, userErrors: [{ field: ["metafields", "1", "value"] }] } });
    const many = Array.from({ length: 26 }, () => ({ ownerId: customerGid, namespace: "$app", key: "points", value: "1", type: "number_integer" }));
    expect(simulateMetafieldsSet("shop", { metafields: many })).toMatchObject({ metafieldsSet: { metafields: null } });
    expect(sandboxCustomerExtras(customerGid)).toEqual(before);
  });

  it("GIVEN a customer the store does not have THEN Shopify's user error comes back as a failure, and nothing is stored", async () => {
    const unknown = "gid://shopify/Customer/999999";
    expect(await pushMemberState(sandboxAdmin, unknown, { tier: { tierId: "gold", tierName: "Gold", earlyAccess: true }, points: 0, nextReward: null })).toEqual({ ok: false, message: "Customer does not exist" });
    expect(simulateMetafieldsSet("shop", { metafields: [{ ownerId: unknown, key: "tier", value: "{}", type: "json" }] })).toMatchObject({ metafieldsSet: { userErrors: [{ message: "Owner does not exist" }] } });
    expect(sandboxCustomerExtras(unknown)).toEqual({ tags: [], metafields: {} });
  });
});
