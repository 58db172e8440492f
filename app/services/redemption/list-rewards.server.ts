import type { AppDatabase } from "../../db/database.server";
import { currentProgramVersion, type Reward } from "../../loyalty/program/program";
import { pointsToRedeem, variableRange } from "../../loyalty/redemption/reward-value";
import { findCustomer } from "../../repositories/customers.server";
import { listProgramVersions } from "../../repositories/program-versions.server";
import { listCustomerRedemptions } from "../../repositories/redemptions.server";
import { findShop, isInstalled } from "../../repositories/shops.server";

export type RewardView = {
  readonly id: string;
  readonly name: string;
  readonly kind: Reward["kind"];
  /** Fixed rewards: their cost; variable and donation rewards: the fewest points accepted. */
  readonly cost: number;
  readonly points: { readonly minimum: number; readonly maximum: number | null; readonly step: number } | null;
  /** The member's tier may use it. */
  readonly availableForTier: boolean;
  readonly affordable: boolean;
  /** The smallest order it applies to, in the shop's currency (minor units); 0: any order. */
  readonly minimumOrderMinor: number;
};

export type RedemptionView = { readonly id: string; readonly rewardId: string; readonly points: number; readonly status: string; readonly expiresAt: string; readonly code: string | null };

export type RewardsView = {
  readonly member: boolean;
  readonly available: number;
  readonly held: number;
  /** The currency of `minimumOrderMinor` amounts: the shop's. */
  readonly currencyCode: string | null;
  readonly rewards: readonly RewardView[];
  readonly open: readonly RedemptionView[];
};

/** GET /api/rewards: the enabled rewards of the current program, as this member sees them. */
export async function listRewards(database: AppDatabase, shopDomain: string, customerGid: string | null, now: Date): Promise<RewardsView> {
  const empty: RewardsView = { member: false, available: 0, held: 0, currencyCode: null, rewards: [], open: [] };
  const shop = await findShop(database.db, shopDomain);
  if (!isInstalled(shop)) return empty;
  const version = currentProgramVersion(await listProgramVersions(database.db, shop.id), now);
  const customer = customerGid ? await findCustomer(database.db, shop.id, customerGid) : null;
  const member = customer !== null && customer.enrolledAt !== null;
  const available = member ? customer.pointsAvailable : 0;
  const tierId = customer?.tierId ?? null;
  const rewards = (version?.rules.rewards ?? []).filter((reward) => reward.enabled).map((reward) => viewOf(reward, tierId, available));
  const redemptions = member ? await listCustomerRedemptions(database.db, shop.id, customer.id) : [];
  const open = redemptions
    .filter((redemption) => ["reserved", "materialised", "applied"].includes(redemption.status))
    .map((redemption) => ({
      id: redemption.idempotencyKey, rewardId: redemption.rewardId, points: redemption.points, status: redemption.status,
      expiresAt: redemption.expiresAt.toISOString(), code: redemption.materialisation?.kind === "discount_code" ? redemption.materialisation.code : null,
    }));
  return { member, available, held: member ? customer.pointsHeld : 0, currencyCode: shop.currencyCode, rewards, open };
}

function viewOf(reward: Reward, tierId: string | null, available: number): RewardView {
  const availableForTier = reward.tierIds.length === 0 || (tierId !== null && reward.tierIds.includes(tierId));
  let points: RewardView["points"] = null;
  let cost: number;
  if (reward.kind === "variable") {
    const range = variableRange(reward);
    points = range ? { minimum: range.minimum, maximum: range.maximum, step: range.step } : null;
    cost = range?.minimum ?? reward.minPoints;
  } else if (reward.kind === "donation") {
    points = { minimum: reward.minPoints, maximum: null, step: 1 };
    cost = reward.minPoints;
  } else {
    const fixed = pointsToRedeem(reward, null);
    cost = fixed.ok ? fixed.value : reward.cost;
  }
  return {
    id: reward.id, name: reward.name, kind: reward.kind, cost, points, availableForTier, affordable: available >= cost,
    // Checkout offers only the rewards the cart reaches (the server checks it again when redeeming).
    minimumOrderMinor: reward.conditions.minimumOrderMinor,
  };
}
