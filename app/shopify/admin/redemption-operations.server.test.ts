import "@shopify/shopify-app-remix/adapters/node";
import { LogSeverity, Session } from "@shopify/shopify-api";
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { shopifyApp } from "@shopify/shopify-app-remix/server";
import { testConfig } from "@shopify/shopify-app-remix/test-helpers";
import { beforeEach, describe, expect, it } from "vitest";
import { API_VERSION } from "../api-version";
import { METAFIELDS_PER_CALL, setMetafields, type MetafieldInput } from "./redemption-operations.server";

// Shopify's client library, unchanged, with only the network replaced: each test scripts the
// Admin API's answers and records what was sent and how long the code chose to wait.

const SHOP = "throttle-test.myshopify.com";

type Answer = { status?: number; body: unknown };
let script: Answer[] = [];
let sent: Array<{ url: string; variables: Record<string, unknown> }> = [];

setAbstractFetchFunc(async (input: RequestInfo | URL, init?: RequestInit) => {
  const url = input instanceof Request ? input.url : String(input);
  const body = JSON.parse(String(init?.body ?? "{}")) as { variables?: Record<string, unknown> };
  sent.push({ url, variables: body.variables ?? {} });
  const answer = script.shift();
  if (!answer) throw new Error(`unscripted Admin API call to ${url}`);
  return new Response(JSON.stringify(answer.body), { status: answer.status ?? 200, headers: { "Content-Type": "application/json" } });
});

const config = testConfig({ apiVersion: API_VERSION, logger: { level: LogSeverity.Error } });
const shopify = shopifyApp(config);

const cost = (currentlyAvailable: number, requestedQueryCost = 10) => ({
  cost: { requestedQueryCost, actualQueryCost: null, throttleStatus: { maximumAvailable: 2000, currentlyAvailable, restoreRate: 100 } },
});
const THROTTLED: Answer = { body: { errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" } }], extensions: cost(4, 104) } };
const SET: Answer = { body: { data: { metafieldsSet: { metafields: [{ id: "gid://shopify/Metafield/1" }], userErrors: [] } }, extensions: cost(1990) } };

const metafield = (index: number): MetafieldInput => ({ ownerId: `gid://shopify/Customer/${index + 1}`, namespace: "$app:wafa", key: "reservation", type: "json", value: "{}" });

async function admin() {
  return (await shopify.unauthenticated.admin(SHOP)).admin;
}

describe("Admin API calls under Shopify's rate limits", () => {
  let waits: number[];
  const sleep = async (ms: number) => {
    waits.push(ms);
  };

  beforeEach(async () => {
    script = [];
    sent = [];
    waits = [];
    await config.sessionStorage?.storeSession(new Session({ id: `offline_${SHOP}`, shop: SHOP, state: "", isOnline: false, accessToken: "shpat_throttle_test", scope: "write_customers" }));
  });

  it("GIVEN a THROTTLED answer THEN it waits until the bucket has restored the query's cost, and retries once", async () => {
    script = [THROTTLED, SET];
    const outcome = await setMetafields(await admin(), [metafield(0)], { sleep });
    expect(outcome).toEqual({ ok: true, value: null });
    // 104 points requested, 4 available, 100 restored per second: one second.
    expect(waits).toEqual([1000]);
    expect(sent).toHaveLength(2);
    expect(sent[1]?.variables).toEqual(sent[0]?.variables);
    expect(sent[0]?.url).toBe(`https://${SHOP}/admin/api/${API_VERSION}/graphql.json`);
  });

  it("GIVEN throttling that does not end THEN it gives up after the attempts allowed, with a message", async () => {
    script = [THROTTLED, THROTTLED, THROTTLED];
    const outcome = await setMetafields(await admin(), [metafield(0)], { sleep, maxAttempts: 3 });
    expect(outcome).toEqual({ ok: false, message: "the Admin API stayed throttled" });
    expect(waits).toEqual([1000, 1000]);
    expect(sent).toHaveLength(3);
  });

  it("GIVEN a success that leaves the bucket nearly empty THEN it lets the bucket refill before the next call", async () => {
    script = [{ body: { data: { metafieldsSet: { metafields: [], userErrors: [] } }, extensions: cost(50) } }];
    expect(await setMetafields(await admin(), [metafield(0)], { sleep })).toEqual({ ok: true, value: null });
    // 10% of 2000 is 200; 150 missing at 100 per second.
    expect(waits).toEqual([1500]);
  });

  it("GIVEN another GraphQL error or a user error THEN no retry, and Shopify's message", async () => {
    script = [{ body: { errors: [{ message: "Access denied for metafieldsSet field.", extensions: { code: "ACCESS_DENIED" } }], extensions: cost(1990) } }];
    expect(await setMetafields(await admin(), [metafield(0)], { sleep })).toEqual({ ok: false, message: "Access denied for metafieldsSet field." });
    script = [{ body: { data: { metafieldsSet: { metafields: null, userErrors: [{ field: ["metafields", "0", "value"], message: "Value is invalid JSON." }] } }, extensions: cost(1990) } }];
    expect(await setMetafields(await admin(), [metafield(0)], { sleep })).toEqual({ ok: false, message: "Value is invalid JSON." });
    expect(waits).toEqual([]);
    expect(sent).toHaveLength(2);
  });

  it("GIVEN more metafields than one call takes THEN batches of 25", async () => {
    script = [SET, SET];
    const inputs = Array.from({ length: METAFIELDS_PER_CALL + 5 }, (_, index) => metafield(index));
    expect(await setMetafields(await admin(), inputs, { sleep })).toEqual({ ok: true, value: null });
    expect(sent.map((call) => (call.variables.metafields as unknown[]).length)).toEqual([25, 5]);
  });
});
