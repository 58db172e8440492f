import { describe, expect, it } from "vitest";
import { createWafaClient, newIdempotencyKey, parseMember, parseRedemption, parseRewards } from "./wafa-api";

type Call = { url: string; init: RequestInit | undefined };
function fakeApp(status: number, body: unknown) {
  const calls: Call[] = [];
  const fetch = async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init });
    return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
  };
  const client = createWafaClient({ appUrl: "https://wafa.example.com", sessionToken: { get: async () => "token-1" }, fetch });
  return { client, calls };
}

const reward = { id: "ten-off", name: "10 off", kind: "fixed_amount", cost: 500, points: null, availableForTier: true, affordable: true };

describe("the extensions' app client", () => {
  it("GIVEN a member WHEN the balance is asked THEN it sends the session token and reads the answer", async () => {
    const { client, calls } = fakeApp(200, { member: true, customerId: "gid://shopify/Customer/1", points: { available: 120, pending: 30, lifetime: 400 }, tier: null, live: true });
    const result = await client.member();
    expect(result).toEqual({ ok: true, value: { member: true, customerId: "gid://shopify/Customer/1", points: { available: 120, pending: 30, lifetime: 400 }, tier: null, live: true } });
    expect(calls[0]?.url).toBe("https://wafa.example.com/api/member");
    expect(new Headers(calls[0]?.init?.headers).get("Authorization")).toBe("Bearer token-1");
  });

  it("WHEN a reward is redeemed THEN the idempotency key travels as a header and in the body", async () => {
    const { client, calls } = fakeApp(201, { id: "wafa-abcdefgh", rewardId: "ten-off", points: 500, status: "materialised", expiresAt: "2026-11-01T00:00:00.000Z", releaseReason: null, show: { kind: "code", code: "WAFA-123" } });
    const result = await client.redeem({ rewardId: "ten-off", points: null, idempotencyKey: "wafa-abcdefgh", channel: "checkout" });
    expect(result.ok && result.value.show).toEqual({ kind: "code", code: "WAFA-123" });
    expect(new Headers(calls[0]?.init?.headers).get("Idempotency-Key")).toBe("wafa-abcdefgh");
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({ rewardId: "ten-off", points: null, idempotencyKey: "wafa-abcdefgh", channel: "checkout" });
  });

  it.each([
    [422, { error: "insufficient_points", messageKey: "redemption.errors.insufficient_points", params: { available: 10 } }, "insufficient_points", { available: 10 }],
    [401, { error: "session token has no shop" }, "unauthorized", {}],
    [404, null, "not_available", {}],
    [500, "oops", "unknown", {}],
  ])("GIVEN the app answers %i THEN the failure code is what the views translate", async (status, body, code, params) => {
    const { client } = fakeApp(status, body);
    expect(await client.redeem({ rewardId: "x", points: null, idempotencyKey: "wafa-abcdefgh", channel: "code" })).toEqual({ ok: false, code, params, status });
  });

  it("GIVEN no app URL was built in THEN nothing is fetched and the failure says so", async () => {
    const client = createWafaClient({ appUrl: null, sessionToken: { get: async () => "t" }, fetch: async () => { throw new Error("must not fetch"); } });
    expect(await client.rewards()).toMatchObject({ ok: false, code: "not_configured" });
  });

  it("GIVEN the network fails THEN the failure is `network` (the redeem hook retries once with the same key)", async () => {
    const client = createWafaClient({ appUrl: "https://a.example", sessionToken: { get: async () => "t" }, fetch: async () => { throw new TypeError("offline"); } });
    expect(await client.member()).toMatchObject({ ok: false, code: "network" });
  });

  it("GIVEN a 200 with a malformed body THEN it is a bad response, never a half-read value", async () => {
    const { client } = fakeApp(200, { member: true, points: { available: -1, pending: 0, lifetime: 0 } });
    expect(await client.member()).toMatchObject({ ok: false, code: "bad_response" });
  });
});

describe("response validation", () => {
  it("reads tiers, ranged rewards, minimums and open redemptions, and rejects a bad row", () => {
    expect(parseMember({ member: true, customerId: null, points: { available: 1, pending: 0, lifetime: 1 }, tier: { id: "gold", name: "Gold" } })?.tier).toEqual({ id: "gold", name: "Gold" });
    // An app that predates the launch switch says nothing: live. Only an explicit false hides.
    expect(parseMember({ member: false, customerId: null, points: { available: 0, pending: 0, lifetime: 0 }, tier: null })?.live).toBe(true);
    expect(parseMember({ member: false, customerId: null, points: { available: 0, pending: 0, lifetime: 0 }, tier: null, live: false })?.live).toBe(false);
    const rewards = parseRewards({
      member: true, available: 900, held: 0, currencyCode: "EUR",
      rewards: [reward, { ...reward, id: "var", kind: "variable", points: { minimum: 100, maximum: null, step: 50 }, conditions: { minimumOrderMinor: 5000 } }],
      open: [{ id: "wafa-1", rewardId: "ten-off", points: 500, status: "materialised", expiresAt: "2026-11-01T00:00:00Z", code: null }],
    });
    expect(rewards?.currencyCode).toBe("EUR");
    expect(rewards?.rewards[1]).toMatchObject({ points: { minimum: 100, maximum: null, step: 50 }, minimumOrderMinor: 5000 });
    expect(parseRewards({ member: true, available: 1, held: 0, rewards: [{ ...reward, kind: "mystery" }], open: [] })).toBeNull();
    expect(parseRewards({ member: true, available: 1, held: 0, rewards: [{ ...reward, points: { minimum: 1, maximum: null, step: 0 } }], open: [] })).toBeNull();
  });

  it("accepts only the redemption outcomes the views know", () => {
    const base = { id: "k", rewardId: "r", points: 1, status: "reserved", expiresAt: "x" };
    expect(parseRedemption({ ...base, show: { kind: "applied_at_checkout" } })?.show).toEqual({ kind: "applied_at_checkout" });
    expect(parseRedemption({ ...base, show: { kind: "code", code: "" } })).toBeNull();
    expect(parseRedemption({ ...base, show: { kind: "teleport" } })).toBeNull();
  });

  it("makes idempotency keys the app accepts (8–64 of [A-Za-z0-9_-]), different each time", () => {
    const first = newIdempotencyKey();
    expect(first).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(newIdempotencyKey()).not.toBe(first);
  });
});
