/** @jsxImportSource preact */
import { useState } from "preact/hooks";
import { snapPoints, type Offer, type OfferStatus } from "../redeem-view";
import type { Words } from "./words";

const STATUS_KEY: Record<Exclude<OfferStatus, "ready">, string> = {
  needs_points: "rewards.needsPoints",
  minimum_not_met: "rewards.minimumNotMet",
  not_for_tier: "rewards.notForTier",
};

type OfferListProps = {
  offers: readonly Offer[];
  words: Words;
  /** The reward being redeemed (its button spins; the others wait). */
  busyRewardId: string | null;
  /** "rewards.apply" at checkout, "rewards.redeem" in the account. */
  actionKey: string;
  onRedeem: (offer: Offer, chosenPoints: number | null) => void;
};

/** Rewards with their cost, a points field for ranged rewards, and one button each. */
export function OfferList({ offers, words, busyRewardId, actionKey, onRedeem }: OfferListProps) {
  if (offers.length === 0) return <s-text color="subdued">{words.t("rewards.empty")}</s-text>;
  return (
    <s-stack gap="base">
      {offers.map((offer) => (
        <OfferRow key={offer.reward.id} offer={offer} words={words} busy={busyRewardId === offer.reward.id} waiting={busyRewardId !== null} actionKey={actionKey} onRedeem={onRedeem} />
      ))}
    </s-stack>
  );
}

function OfferRow({ offer, words, busy, waiting, actionKey, onRedeem }: { offer: Offer; words: Words; busy: boolean; waiting: boolean; actionKey: string; onRedeem: OfferListProps["onRedeem"] }) {
  const { t, number } = words;
  const { slider, reward } = offer;
  const [chosen, setChosen] = useState<number | null>(slider ? slider.max : null);
  const cost = slider ? snapPoints(chosen ?? slider.min, slider) : reward.cost;
  return (
    <s-stack gap="small-200">
      <s-stack direction="inline" gap="base" justifyContent="space-between" alignItems="center">
        <s-stack gap="none">
          <s-text type="strong">{reward.name}</s-text>
          <s-text color="subdued">{cost === 0 ? t("rewards.free") : t("rewards.cost", { points: number(cost) })}</s-text>
        </s-stack>
        {offer.status === "ready" ? (
          <s-button variant="secondary" loading={busy} disabled={waiting && !busy} onClick={() => onRedeem(offer, chosen)}>
            {t(actionKey)}
          </s-button>
        ) : (
          <s-text color="subdued">{t(STATUS_KEY[offer.status])}</s-text>
        )}
      </s-stack>
      {slider && offer.status === "ready" && (
        <s-number-field
          label={t("slider.label")}
          min={slider.min}
          max={slider.max}
          step={slider.step}
          controls="stepper"
          value={String(cost)}
          onChange={(event: Event) => setChosen(snapPoints(Number(fieldValue(event.currentTarget)), slider))}
        />
      )}
      {slider && offer.status === "ready" && (
        <s-text color="subdued">{t("slider.help", { min: number(slider.min), max: number(slider.max), step: number(slider.step) })}</s-text>
      )}
    </s-stack>
  );
}

/** The text of the field that sent a change event (web components hand back the element). */
function fieldValue(target: EventTarget | null): string {
  return target !== null && "value" in target && typeof target.value === "string" ? target.value : "";
}
