/**
 * The one client every Wafa UI extension uses to call the app (checkout, thank-you, order
 * status, customer account). Each call asks Shopify for a fresh session token
 * (`sessionToken.get()` caches it; https://shopify.dev/docs/api/checkout-ui-extensions/latest/apis/session-token)
 * and sends it as `Authorization: Bearer`. The app reads the shop and customer from the
 * verified token, never from the request.
 *
 * Responses are validated by hand, not with zod: every byte here ships inside a bundle that
 * must stay under 32 KB compressed (docs/decisions/0016-ui-extensions.md). Failures are
 * values (`WafaResult`), each with a code the view models turn into a message key.
 *
 * Endpoints (app/routes/api.*.tsx):
 * - GET /api/member, GET /api/rewards, POST /api/redemptions, DELETE /api/redemptions/:id,
 *   GET /api/history, GET /api/order-points?order=<gid>.
 * - A 404 (an app older than the extension) is reported as `not_available`, which the views
 *   treat as "nothing to show" (never as an error in front of the shopper).
 */

export type PointsBalance = { readonly available: number; readonly pending: number; readonly lifetime: number };

export type MemberSummary = {
  readonly member: boolean;
  readonly customerId: string | null;
  readonly points: PointsBalance;
  readonly tier: { readonly id: string | null; readonly name: string } | null;
  /** The merchant has launched the program; false: show nothing. An app that does not say is live. */
  readonly live: boolean;
};

export type RewardKind = "fixed_amount" | "percentage" | "free_shipping" | "free_product" | "store_credit" | "variable" | "donation";
const REWARD_KINDS: readonly RewardKind[] = ["fixed_amount", "percentage", "free_shipping", "free_product", "store_credit", "variable", "donation"];
const isRewardKind = (value: unknown): value is RewardKind => REWARD_KINDS.some((kind) => kind === value);

export type RewardOffer = {
  readonly id: string;
  readonly name: string;
  readonly kind: RewardKind;
  /** Fixed rewards: their cost; variable and donation rewards: the fewest points accepted. */
  readonly cost: number;
  /** Variable and donation rewards: the points the shopper may choose, in steps. */
  readonly points: { readonly minimum: number; readonly maximum: number | null; readonly step: number } | null;
  readonly availableForTier: boolean;
  readonly affordable: boolean;
  /** The reward's minimum order in the shop's currency (minor units), when the app sends it. */
  readonly minimumOrderMinor: number | null;
};

export type OpenRedemption = {
  readonly id: string;
  readonly rewardId: string;
  readonly points: number;
  readonly status: string;
  readonly expiresAt: string;
  readonly code: string | null;
};

export type RewardsSummary = {
  readonly member: boolean;
  readonly available: number;
  readonly held: number;
  /** The currency of `minimumOrderMinor` amounts (the shop's), when the app sends it. */
  readonly currencyCode: string | null;
  readonly rewards: readonly RewardOffer[];
  readonly open: readonly OpenRedemption[];
};

export type RedemptionShow =
  | { readonly kind: "code"; readonly code: string }
  | { readonly kind: "applied_at_checkout" | "store_credit" | "donation" | "none" };

export type Redemption = {
  /** The idempotency key it was made with; DELETE /api/redemptions/:id takes it back. */
  readonly id: string;
  readonly rewardId: string;
  readonly points: number;
  readonly status: string;
  readonly expiresAt: string;
  readonly show: RedemptionShow;
};

export type HistoryEntry = { readonly at: string; readonly kind: string; readonly points: number; readonly orderName: string | null };
export type OrderPoints = { readonly points: number; readonly status: "pending" | "available" | "not_recorded" };

export type RedeemRequest = {
  readonly rewardId: string;
  /** Variable and donation rewards only. */
  readonly points: number | null;
  /** 8–64 of [A-Za-z0-9_-]; the same key sent twice makes one redemption. */
  readonly idempotencyKey: string;
  /** "checkout": the discount Function applies it; "code": a single-use code to copy. */
  readonly channel: "checkout" | "code";
};

/** Why a call failed. `code` is the app's refusal code or one of the client's own. */
export type WafaFailure = { readonly ok: false; readonly code: string; readonly params: Readonly<Record<string, string | number>>; readonly status: number | null };
export type WafaResult<T> = { readonly ok: true; readonly value: T } | WafaFailure;

export const CLIENT_ERRORS = ["not_configured", "network", "unauthorized", "bad_response", "not_available", "unknown"] as const;

export type WafaClient = {
  member(): Promise<WafaResult<MemberSummary>>;
  rewards(): Promise<WafaResult<RewardsSummary>>;
  redeem(request: RedeemRequest): Promise<WafaResult<Redemption>>;
  cancel(redemptionId: string): Promise<WafaResult<Redemption>>;
  history(): Promise<WafaResult<readonly HistoryEntry[]>>;
  orderPoints(orderGid: string): Promise<WafaResult<OrderPoints>>;
};

export type WafaClientOptions = {
  /** The app's origin (app-url.ts), or null when the build did not set one. */
  readonly appUrl: string | null;
  readonly sessionToken: { get(): Promise<string> };
  readonly fetch?: typeof fetch;
};

const fail = (code: string, status: number | null = null, params: WafaFailure["params"] = {}): WafaFailure => ({ ok: false, code, params, status });

/** One call to the app: `parse` checks the body; failures are values with a code. */
export type AppCall = <T>(method: string, path: string, parse: (body: unknown) => T | null, body?: unknown, headers?: Record<string, string>) => Promise<WafaResult<T>>;

/** How every extension calls the app (the survey's own client uses it too). */
export function createAppCall(options: WafaClientOptions): AppCall {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  return async function call<T>(method: string, path: string, parse: (body: unknown) => T | null, body?: unknown, headers: Record<string, string> = {}): Promise<WafaResult<T>> {
    if (!options.appUrl) return fail("not_configured");
    let response: Response;
    try {
      const token = await options.sessionToken.get();
      response = await doFetch(`${options.appUrl}${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, Accept: "application/json", ...(body === undefined ? {} : { "Content-Type": "application/json" }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      return fail("network");
    }
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) return refusal(response.status, json);
    const value = parse(json);
    return value === null ? fail("bad_response", response.status) : { ok: true, value };
  };
}

export function createWafaClient(options: WafaClientOptions): WafaClient {
  const call = createAppCall(options);

  return {
    member: () => call("GET", "/api/member", parseMember),
    rewards: () => call("GET", "/api/rewards", parseRewards),
    redeem: (request) =>
      call("POST", "/api/redemptions", parseRedemption, {
        rewardId: request.rewardId, points: request.points, idempotencyKey: request.idempotencyKey, channel: request.channel,
      }, { "Idempotency-Key": request.idempotencyKey }),
    cancel: (redemptionId) => call("DELETE", `/api/redemptions/${encodeURIComponent(redemptionId)}`, parseRedemption),
    history: () => call("GET", "/api/history", parseHistory),
    orderPoints: (orderGid) => call("GET", `/api/order-points?order=${encodeURIComponent(orderGid)}`, parseOrderPoints),
  };
}

/** A non-2xx answer: the app's `{error, params}` when it sent one, else a code from the status. */
function refusal(status: number, json: unknown): WafaFailure {
  if (isRecord(json) && typeof json.error === "string" && /^[a-z_]{1,64}$/.test(json.error)) {
    return fail(json.error, status, paramsOf(json.params));
  }
  if (status === 401 || status === 403) return fail("unauthorized", status);
  if (status === 404) return fail("not_available", status);
  return fail("unknown", status);
}

// --- hand-written validation (kept tiny on purpose: see the header) ---------------------

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
const isText = (value: unknown): value is string => typeof value === "string";
const textOrNull = (value: unknown): string | null => (typeof value === "string" ? value : null);

function paramsOf(value: unknown): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  if (!isRecord(value)) return params;
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry === "string" || (typeof entry === "number" && Number.isFinite(entry))) params[key] = entry;
  }
  return params;
}

/** Every element parsed, or null if any is malformed (one bad row means a bad response). */
function listOf<T>(value: unknown, parse: (item: unknown) => T | null): T[] | null {
  if (!Array.isArray(value)) return null;
  const items: T[] = [];
  for (const item of value) {
    const parsed = parse(item);
    if (parsed === null) return null;
    items.push(parsed);
  }
  return items;
}

export function parseMember(json: unknown): MemberSummary | null {
  if (!isRecord(json) || typeof json.member !== "boolean" || !isRecord(json.points)) return null;
  const { available, pending, lifetime } = json.points;
  if (!isCount(available) || !isCount(pending) || !isCount(lifetime)) return null;
  const tier = isRecord(json.tier) && isText(json.tier.name) ? { id: textOrNull(json.tier.id), name: json.tier.name } : null;
  return { member: json.member, customerId: textOrNull(json.customerId), points: { available, pending, lifetime }, tier, live: json.live !== false };
}

function parseRange(value: unknown): RewardOffer["points"] | null | undefined {
  if (value === null || value === undefined) return null;
  if (!isRecord(value) || !isCount(value.minimum) || !isCount(value.step) || value.step < 1) return undefined;
  if (value.maximum !== null && !isCount(value.maximum)) return undefined;
  return { minimum: value.minimum, maximum: value.maximum, step: value.step };
}

export function parseReward(json: unknown): RewardOffer | null {
  if (!isRecord(json) || !isText(json.id) || !isText(json.name) || !isRewardKind(json.kind)) return null;
  if (!isCount(json.cost) || typeof json.availableForTier !== "boolean" || typeof json.affordable !== "boolean") return null;
  const points = parseRange(json.points);
  if (points === undefined) return null;
  const conditions = isRecord(json.conditions) ? json.conditions : json;
  const minimumOrderMinor = isCount(conditions.minimumOrderMinor) ? conditions.minimumOrderMinor : null;
  return {
    id: json.id, name: json.name, kind: json.kind, cost: json.cost, points,
    availableForTier: json.availableForTier, affordable: json.affordable, minimumOrderMinor,
  };
}

function parseOpen(json: unknown): OpenRedemption | null {
  if (!isRecord(json) || !isText(json.id) || !isText(json.rewardId) || !isCount(json.points) || !isText(json.status) || !isText(json.expiresAt)) return null;
  return { id: json.id, rewardId: json.rewardId, points: json.points, status: json.status, expiresAt: json.expiresAt, code: textOrNull(json.code) };
}

export function parseRewards(json: unknown): RewardsSummary | null {
  if (!isRecord(json) || typeof json.member !== "boolean" || !isCount(json.available) || !isCount(json.held)) return null;
  const rewards = listOf(json.rewards, parseReward);
  const open = listOf(json.open ?? [], parseOpen);
  if (!rewards || !open) return null;
  const currencyCode = isText(json.currencyCode) && /^[A-Z]{3}$/.test(json.currencyCode) ? json.currencyCode : null;
  return { member: json.member, available: json.available, held: json.held, currencyCode, rewards, open };
}

export function parseRedemption(json: unknown): Redemption | null {
  if (!isRecord(json) || !isText(json.id) || !isText(json.rewardId) || !isCount(json.points) || !isText(json.status) || !isText(json.expiresAt)) return null;
  if (!isRecord(json.show) || !isText(json.show.kind)) return null;
  let show: RedemptionShow;
  if (json.show.kind === "code") {
    if (!isText(json.show.code) || json.show.code.length === 0) return null;
    show = { kind: "code", code: json.show.code };
  } else if (json.show.kind === "applied_at_checkout" || json.show.kind === "store_credit" || json.show.kind === "donation" || json.show.kind === "none") {
    show = { kind: json.show.kind };
  } else {
    return null;
  }
  return { id: json.id, rewardId: json.rewardId, points: json.points, status: json.status, expiresAt: json.expiresAt, show };
}

function parseHistoryEntry(json: unknown): HistoryEntry | null {
  if (!isRecord(json) || !isText(json.at) || !isText(json.kind) || typeof json.points !== "number" || !Number.isSafeInteger(json.points)) return null;
  return { at: json.at, kind: json.kind, points: json.points, orderName: textOrNull(json.orderName) };
}

export function parseHistory(json: unknown): readonly HistoryEntry[] | null {
  return isRecord(json) ? listOf(json.entries, parseHistoryEntry) : null;
}

export function parseOrderPoints(json: unknown): OrderPoints | null {
  if (!isRecord(json) || !isCount(json.points)) return null;
  const status = json.status;
  if (status !== "pending" && status !== "available" && status !== "not_recorded") return null;
  return { points: json.points, status };
}

/**
 * A fresh idempotency key for one shopper action (a click on "Apply"). Retrying that action
 * reuses it, so a lost response never makes a second redemption.
 */
export function newIdempotencyKey(random: (bytes: Uint8Array) => Uint8Array = (bytes) => crypto.getRandomValues(bytes)): string {
  const bytes = random(new Uint8Array(16));
  let key = "";
  for (const byte of bytes) key += byte.toString(16).padStart(2, "0");
  return `wafa-${key}`;
}
