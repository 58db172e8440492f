import { errorMessageKey } from "./error-messages";
import type { MemberSummary, OpenRedemption, RewardOffer, RewardsSummary, WafaResult } from "./wafa-api";

/** How far the member is from the cheapest reward they cannot afford yet. */
export type RewardProgress = {
  readonly rewardId: string;
  readonly rewardName: string;
  readonly cost: number;
  readonly remaining: number;
  /** 0–99: a whole percentage, never 100 (at 100 the reward is affordable and not "next"). */
  readonly percent: number;
};

export type MemberDetails = {
  readonly kind: "member";
  readonly available: number;
  readonly pending: number;
  readonly lifetime: number;
  readonly held: number;
  /** The currency of the rewards' minimum order amounts, when the app says. */
  readonly rewardsCurrency: string | null;
  readonly tierName: string | null;
  readonly nextReward: RewardProgress | null;
  /** Rewards the member's tier may use, in catalogue order. */
  readonly rewards: readonly RewardOffer[];
  /** Free rewards of the member's tier (cost 0): shown as tier perks. */
  readonly perks: readonly RewardOffer[];
  readonly open: readonly OpenRedemption[];
  /** The rewards call is still running. */
  readonly rewardsLoading: boolean;
  /** The rewards call failed: the balance still shows, the rewards say why they do not. */
  readonly rewardsError: string | null;
};

/** What a Wafa block shows, for every state a shopper can be in. */
export type ShopperView =
  | { readonly kind: "loading" }
  /** The merchant has not launched the program (or paused it): the block shows nothing. */
  | { readonly kind: "hidden" }
  /** Not signed in: a call to join (sign in or create an account). */
  | { readonly kind: "guest" }
  /** Signed in, not enrolled in the program (e.g. the program started after they joined). */
  | { readonly kind: "not_member" }
  | { readonly kind: "unavailable"; readonly messageKey: string }
  | MemberDetails;

export type ShopperInput = {
  /** The surface knows a customer is signed in (checkout: buyerIdentity.customer; accounts: always). */
  readonly signedIn: boolean;
  /** null while the call runs. */
  readonly member: WafaResult<MemberSummary> | null;
  /** null while the call runs; undefined when the surface does not ask for rewards. */
  readonly rewards: WafaResult<RewardsSummary> | null | undefined;
};

export function shopperView(input: ShopperInput): ShopperView {
  // Guests ask too: whether the program is live decides if a join call shows at all.
  if (input.member === null) return { kind: "loading" };
  if (input.member.ok && !input.member.value.live) return { kind: "hidden" };
  if (!input.signedIn) return { kind: "guest" };
  if (!input.member.ok) {
    return input.member.code === "guest" ? { kind: "guest" } : { kind: "unavailable", messageKey: errorMessageKey(input.member.code) };
  }
  const summary = input.member.value;
  if (!summary.member) return { kind: "not_member" };
  const rewardsSummary = input.rewards?.ok ? input.rewards.value : null;
  const rewards = (rewardsSummary?.rewards ?? []).filter((reward) => reward.availableForTier);
  const available = summary.points.available;
  return {
    kind: "member",
    available,
    pending: summary.points.pending,
    lifetime: summary.points.lifetime,
    held: rewardsSummary?.held ?? 0,
    rewardsCurrency: rewardsSummary?.currencyCode ?? null,
    tierName: summary.tier?.name ?? null,
    nextReward: rewardProgress(available, rewards),
    rewards,
    perks: rewards.filter((reward) => reward.cost === 0),
    open: rewardsSummary?.open ?? [],
    rewardsLoading: input.rewards === null,
    rewardsError: input.rewards && !input.rewards.ok ? errorMessageKey(input.rewards.code) : null,
  };
}

/** The cheapest reward the member's tier may use and the balance does not reach yet. */
export function rewardProgress(available: number, rewards: readonly RewardOffer[]): RewardProgress | null {
  let next: RewardOffer | null = null;
  for (const reward of rewards) {
    if (!reward.availableForTier || reward.kind === "donation" || reward.cost <= available) continue;
    if (next === null || reward.cost < next.cost) next = reward;
  }
  if (next === null) return null;
  return {
    rewardId: next.id,
    rewardName: next.name,
    cost: next.cost,
    remaining: next.cost - available,
    percent: Math.min(99, Math.floor((Math.max(0, available) * 100) / next.cost)),
  };
}
