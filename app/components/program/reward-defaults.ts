import { minorUnitsPerUnit } from "~/loyalty/money/currency";
import type { Reward, RewardKind } from "~/loyalty/program/program";

export const REWARD_KIND_LABELS: Readonly<Record<RewardKind, string>> = {
  fixed_amount: "Amount off",
  percentage: "Percentage off",
  free_shipping: "Free shipping",
  free_product: "Free product",
  store_credit: "Store credit",
  variable: "Points for money (customer chooses)",
  donation: "Donation to a cause",
};

/** A new reward of `kind` with sensible starting values and an id no other reward uses. */
export function newReward(kind: RewardKind, existing: readonly Reward[], currency: string): Reward {
  let number = existing.length + 1;
  while (existing.some((reward) => reward.id === `reward-${number}`)) number += 1;
  const unit = minorUnitsPerUnit(currency);
  const common = { id: `reward-${number}`, enabled: true, conditions: { minimumOrderMinor: 0, collectionIds: [] }, tierIds: [], limit: null };
  switch (kind) {
    case "fixed_amount":
      return { ...common, kind, name: "Amount off", cost: 500, amountMinor: 5 * unit };
    case "percentage":
      return { ...common, kind, name: "10% off", cost: 500, percent: 10 };
    case "free_shipping":
      return { ...common, kind, name: "Free shipping", cost: 300, maxShippingMinor: null };
    case "free_product":
      return { ...common, kind, name: "Free product", cost: 1000, productId: "", variantId: "", productTitle: "" };
    case "store_credit":
      return { ...common, kind, name: "Store credit", cost: 500, amountMinor: 5 * unit };
    case "variable":
      return { ...common, kind, name: "Points for money", rate: { points: 100, amountMinor: unit }, minPoints: 100, maxPoints: 10_000, payout: "discount" };
    case "donation":
      return { ...common, kind, name: "Donate to our cause", cause: "Our cause", rate: { points: 100, amountMinor: unit }, minPoints: 100 };
  }
}
