import { useState } from "preact/hooks";
import { errorMessageKey } from "../error-messages";
import { requestedPoints, successMessage, type Offer, type RedeemMessage } from "../redeem-view";
import { newIdempotencyKey, type Redemption, type WafaClient, type WafaResult } from "../wafa-api";

export type RedeemState = {
  readonly busyRewardId: string | null;
  readonly success: RedeemMessage | null;
  readonly error: { readonly key: string; readonly params: Readonly<Record<string, string | number>> } | null;
};

export type RedeemOptions = {
  readonly client: WafaClient;
  readonly channel: "checkout" | "code";
  /** Checkout only: apply a single-use code to this checkout; false if Shopify refused it. */
  readonly applyCode?: (code: string) => Promise<boolean>;
  /** After any answer: reload the balance and rewards. */
  readonly onSettled: () => void;
};

/**
 * One click, one redemption: a fresh idempotency key per click, reused for the single retry
 * after a network failure, so a lost response never spends points twice. A code the
 * checkout refuses is given back at once (DELETE), so points are never spent on a discount
 * that did not apply.
 */
export function useRedeem(options: RedeemOptions): { state: RedeemState; redeem: (offer: Offer, chosenPoints: number | null) => Promise<void> } {
  const [state, setState] = useState<RedeemState>({ busyRewardId: null, success: null, error: null });

  async function redeem(offer: Offer, chosenPoints: number | null): Promise<void> {
    if (state.busyRewardId !== null) return;
    setState({ busyRewardId: offer.reward.id, success: null, error: null });
    const request = { rewardId: offer.reward.id, points: requestedPoints(offer, chosenPoints), idempotencyKey: newIdempotencyKey(), channel: options.channel };
    let result: WafaResult<Redemption> = await options.client.redeem(request);
    if (!result.ok && result.code === "network") result = await options.client.redeem(request);
    const next = result.ok ? await settle(result.value) : failed(result.code, result.params);
    setState({ busyRewardId: null, ...next });
    options.onSettled();
  }

  async function settle(redemption: Redemption): Promise<Omit<RedeemState, "busyRewardId">> {
    if (redemption.show.kind !== "code" || !options.applyCode) return { success: successMessage(redemption.show, null), error: null };
    const applied = await options.applyCode(redemption.show.code).catch(() => false);
    if (applied) return { success: successMessage(redemption.show, true), error: null };
    await options.client.cancel(redemption.id);
    return failed("discount_not_applied", {});
  }

  return { state, redeem };
}

function failed(code: string, params: Readonly<Record<string, string | number>>): Omit<RedeemState, "busyRewardId"> {
  return { success: null, error: { key: errorMessageKey(code), params } };
}
