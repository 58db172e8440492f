import { customerOrderPoints, type CustomerOrderBasis } from "../earning/customer-orders";
import { orderEarning } from "../earning/order-points";
import { floorDiv, type OrderSnapshot } from "../orders/order-state";
import { earnMultiplierPercent } from "../tiers/tier-perks";
import { qualifiedLevel } from "../tiers/tier-levels";
import type { ProgramRules, ProgramVersion } from "./program";
import type { Reward } from "./rules-schema";

/** The customer the designer previews a program for: how often they order and how much. */
export type TypicalCustomer = { readonly ordersPerYear: number; readonly averageOrderMinor: number };

export type EarningPreview = {
  readonly firstOrderPoints: number;
  /** Everything a member earns in their first year: purchases and bonuses. */
  readonly yearPoints: number;
  readonly purchasePoints: number;
  readonly bonusPoints: number;
  /** yearPoints at the program's point value, minor units. */
  readonly yearValueMinor: number;
  /** yearValue / yearly spend, in basis points (500 = 5 %). */
  readonly returnBasisPoints: number;
  readonly tierAtYearEnd: { readonly id: string; readonly name: string } | null;
  /** The cheapest reward every member can use, and after how many orders they can afford it. */
  readonly firstReward: { readonly id: string; readonly name: string; readonly cost: number; readonly ordersNeeded: number | null } | null;
};

const YEAR_START = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;

/**
 * What a typical customer would earn in their first year under `rules`, computed with the
 * engine itself (the same order earning, caps, every-Nth-order bonus and tier multipliers
 * as real orders), so the wizard's preview cannot drift from what members will see. Orders
 * are spread evenly over the year at the typical value, without shipping or taxes.
 * Anniversary bonuses begin in the second year and are not counted.
 */
export function previewTypicalCustomer(rules: ProgramRules, customer: TypicalCustomer, currency: string): EarningPreview {
  const orders = Math.max(0, Math.min(365, Math.floor(customer.ordersPerYear)));
  const version: ProgramVersion = { version: 1, effectiveAt: new Date(YEAR_START), rules };
  const bases: CustomerOrderBasis[] = [];
  let tierValue = { spend: 0, orders: 0, points: 0 };
  let bonusPoints = (rules.earning.signup.enabled ? rules.earning.signup.points : 0) + (rules.earning.birthday.enabled ? rules.earning.birthday.points : 0);
  let tier = currentTier(rules, tierValue);
  for (let index = 0; index < orders; index++) {
    const at = new Date(YEAR_START + Math.floor((index * 365 * DAY) / Math.max(orders, 1)));
    const earning = orderEarning({
      order: typicalOrder(index, at, customer.averageOrderMinor, currency),
      refunds: [],
      programVersions: [version],
      countTestOrders: false,
      multiplierPercent: earnMultiplierPercent(rules.tiers, tier?.id ?? null),
    });
    bases.push({ orderId: `preview-${index}`, processedAt: at, ...earning });
    tierValue = { spend: tierValue.spend + earning.netSpendMinor, orders: tierValue.orders + 1, points: tierValue.points + earning.points };
    const next = currentTier(rules, tierValue);
    if (next && next.id !== tier?.id) bonusPoints += next.entryBonusPoints;
    tier = next;
  }
  const figures = customerOrderPoints(bases, [version], "UTC");
  const perOrder = bases.map((basis) => figures.get(basis.orderId) ?? 0);
  const purchasePoints = perOrder.reduce((sum, points) => sum + points, 0);
  const yearPoints = purchasePoints + bonusPoints;
  const yearValueMinor = floorDiv(yearPoints * rules.pointValue.amountMinor, rules.pointValue.points);
  const spend = orders * customer.averageOrderMinor;
  return {
    firstOrderPoints: perOrder[0] ?? 0,
    yearPoints,
    purchasePoints,
    bonusPoints,
    yearValueMinor,
    returnBasisPoints: spend > 0 ? floorDiv(yearValueMinor * 10_000, spend) : 0,
    tierAtYearEnd: tier ? { id: tier.id, name: tier.name } : null,
    firstReward: firstReward(rules.rewards, perOrder, rules.earning.signup.enabled ? rules.earning.signup.points : 0),
  };
}

function currentTier(rules: ProgramRules, value: { spend: number; orders: number; points: number }) {
  return rules.tiers.enabled ? qualifiedLevel(rules.tiers.levels, value[rules.tiers.metric]) : null;
}

function typicalOrder(index: number, at: Date, subtotalMinor: number, currency: string): OrderSnapshot {
  return {
    orderId: `preview-${index}`, name: null, customerId: "preview-customer", test: false, financialStatus: "paid", cancelledAt: null,
    createdAt: at, processedAt: at, updatedAt: at, currency, subtotalMinor, totalMinor: subtotalMinor, discountsMinor: 0,
    shippingMinor: 0, taxMinor: 0, taxesIncluded: false, includedRefundIds: [], lines: [], discountCodes: [], sourceName: "web",
  };
}

/** What a reward costs to start with (the minimum of a "points for money" or donation reward). */
export function rewardEntryCost(reward: Reward): number {
  return "cost" in reward ? reward.cost : reward.minPoints;
}

function firstReward(rewards: readonly Reward[], perOrder: readonly number[], signupPoints: number): EarningPreview["firstReward"] {
  const open = rewards.filter((reward) => reward.enabled && reward.tierIds.length === 0 && rewardEntryCost(reward) > 0);
  const cheapest = open.sort((a, b) => rewardEntryCost(a) - rewardEntryCost(b))[0];
  if (!cheapest) return null;
  const cost = rewardEntryCost(cheapest);
  let balance = signupPoints;
  let ordersNeeded: number | null = balance >= cost ? 0 : null;
  for (let index = 0; ordersNeeded === null && index < perOrder.length; index++) {
    balance += perOrder[index] ?? 0;
    if (balance >= cost) ordersNeeded = index + 1;
  }
  return { id: cheapest.id, name: cheapest.name, cost, ordersNeeded };
}
