/** @jsxImportSource preact */
import { useMemo } from "preact/hooks";
import type { Api } from "@shopify/ui-extensions/purchase.checkout.block.render";
import { buildTimeAppUrl } from "../../shared/app-url";
import { checkoutOffers, toMinorUnits } from "../../shared/redeem-view";
import { OfferList } from "../../shared/ui/offer-list";
import { JoinCall, Notice, PointsSummary } from "../../shared/ui/points-summary";
import { useRedeem } from "../../shared/ui/use-redeem";
import { useShopper } from "../../shared/ui/use-shopper";
import { wordsFrom } from "../../shared/ui/words";
import { createWafaClient } from "../../shared/wafa-api";

/** What both checkout targets use of Shopify's checkout API (the block's and the reductions' APIs both have it). */
export type CheckoutApi = Pick<Api, "sessionToken" | "i18n" | "buyerIdentity" | "cost" | "instructions" | "applyDiscountCodeChange">;

/**
 * Balance, tier, and the rewards this cart qualifies for, each applied in one click: the
 * app reserves the points, then the discount Function applies the reward (or, where the
 * shop uses codes, the code is applied here and given back if checkout refuses it).
 * `compact` is the reductions target, beside the discount field: rewards only.
 */
export function CheckoutRewards({ api, compact }: { api: CheckoutApi; compact: boolean }) {
  const client = useMemo(() => createWafaClient({ appUrl: buildTimeAppUrl(), sessionToken: api.sessionToken }), [api]);
  const words = useMemo(() => wordsFrom(api.i18n), [api]);
  // Reading a signal's value in render subscribes this component to it (@preact/signals).
  const signedIn = api.buyerIdentity?.customer.value !== undefined;
  const subtotal = api.cost.subtotalAmount.value;
  const canApplyCodes = api.instructions.value.discounts.canUpdateDiscountCodes;
  const { view, reload } = useShopper(client, signedIn, true);
  const { state, redeem } = useRedeem({
    client,
    channel: "checkout",
    applyCode: canApplyCodes ? async (code) => (await api.applyDiscountCodeChange({ type: "addDiscountCode", code })).type === "success" : undefined,
    onSettled: reload,
  });

  if (view.kind === "hidden") return null;
  if (view.kind === "loading") return compact ? null : <s-skeleton-paragraph />;
  if (view.kind === "guest" || view.kind === "not_member") return compact ? null : <JoinCall words={words} href={null} signedIn={view.kind === "not_member"} />;
  if (view.kind === "unavailable") return compact ? null : <s-text color="subdued">{words.t(view.messageKey)}</s-text>;

  // Cart minimums are in the shop's currency: compare only when the cart is in it too
  // (otherwise the app and the Function decide, and say so if it falls short).
  const rewardsCurrency = view.rewardsCurrency;
  const subtotalMinor = rewardsCurrency === subtotal.currencyCode ? toMinorUnits(subtotal.amount, subtotal.currencyCode) : null;
  const offers = checkoutOffers(view.rewards, view.available, subtotalMinor);
  const shown = compact ? offers.filter((offer) => offer.status === "ready") : offers;
  if (compact && shown.length === 0 && !state.error && !state.success) return null;

  return (
    <s-stack gap="base">
      {compact ? <s-text type="strong">{words.t("reductions.heading", { points: words.number(view.available) })}</s-text> : <s-heading>{words.t("title")}</s-heading>}
      {!compact && <PointsSummary view={view} words={words} />}
      <Notice words={words} error={state.error} success={state.success} />
      {view.rewardsLoading ? <s-spinner accessibilityLabel={words.t("rewards.loading")} /> : view.rewardsError ? (
        <s-text color="subdued">{words.t(view.rewardsError)}</s-text>
      ) : (
        <OfferList offers={shown} words={words} busyRewardId={state.busyRewardId} actionKey="rewards.apply" onRedeem={(offer, points) => void redeem(offer, points)} />
      )}
    </s-stack>
  );
}
