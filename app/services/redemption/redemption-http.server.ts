import { z } from "zod";
import type { StoredRedemption } from "../../repositories/redemptions.server";

/** HTTP status of each refusal the redemption endpoints answer (the body carries code and message key). */
const STATUS: Readonly<Record<string, number>> = {
  not_a_member: 403, reward_not_for_tier: 403, shop_not_installed: 404, reward_not_found: 404, redemption_not_found: 404,
  reward_disabled: 409, idempotency_key_reused: 409, discount_already_reserved: 409, reward_limit_reached: 409,
  already_committed: 409, already_released: 409, invalid_transition: 409, insufficient_points: 422,
};

export function refusalStatus(error: string): number {
  return STATUS[error] ?? 400;
}

/** The body of every refusal: a code, the translation key, and the key's parameters. */
export const refusalBody = (failure: { error: string; message: string; params: unknown }) => ({ error: failure.error, messageKey: failure.message, params: failure.params });

/** POST /api/redemptions: the reward, the points of a variable reward, the idempotency key (header or body), where it will be used. */
export const RedeemBodySchema = z.object({
  rewardId: z.string().min(1).max(64),
  points: z.number().int().nonnegative().nullish(),
  idempotencyKey: z.string().optional(),
  channel: z.enum(["checkout", "code"]).default("checkout"),
});

export type RedeemBody = z.infer<typeof RedeemBodySchema>;

/**
 * The POST body, or the 400 refusal naming the fields that are wrong (none when the body is
 * not JSON at all), in the same shape as every other refusal.
 */
export async function parseRedeemBody(request: Request): Promise<{ ok: true; body: RedeemBody } | { ok: false; refusal: ReturnType<typeof refusalBody> }> {
  const parsed = RedeemBodySchema.safeParse(await request.json().catch(() => undefined));
  if (parsed.success) return { ok: true, body: parsed.data };
  const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join(".")).filter((field) => field !== ""))];
  return { ok: false, refusal: refusalBody({ error: "invalid_request", message: "redemption.errors.invalid_request", params: { fields } }) };
}

/** What the extension shows: the status, and the code or "applied at checkout". */
export function redemptionView(redemption: StoredRedemption) {
  const { materialisation } = redemption;
  const show = materialisation?.kind === "discount_code" ? { kind: "code", code: materialisation.code }
    : materialisation?.kind === "discount_function" ? { kind: "applied_at_checkout" }
    : materialisation?.kind === "store_credit" ? { kind: "store_credit" }
    : materialisation?.kind === "donation" ? { kind: "donation" }
    : { kind: "none" };
  return {
    id: redemption.idempotencyKey, rewardId: redemption.rewardId, points: redemption.points, status: redemption.status,
    expiresAt: redemption.expiresAt.toISOString(), releaseReason: redemption.releaseReason, show,
  };
}
