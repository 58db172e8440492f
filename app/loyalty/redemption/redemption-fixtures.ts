import type { Balance } from "../ledger/ledger";
import type { Reward } from "../program/rules-schema";

/** A catalogue with one reward of every kind, for the redemption tests. */
const common = { enabled: true, conditions: { minimumOrderMinor: 0, collectionIds: [] }, tierIds: [], limit: null };

export const REWARDS = {
  fiveOff: { ...common, id: "five-off", name: "$5 off", kind: "fixed_amount", cost: 500, amountMinor: 500 },
  tenPercent: { ...common, id: "ten-percent", name: "10% off", kind: "percentage", cost: 800, percent: 10 },
  freeShipping: { ...common, id: "free-shipping", name: "Free shipping", kind: "free_shipping", cost: 300, maxShippingMinor: 1000 },
  freeMug: {
    ...common, id: "free-mug", name: "A free mug", kind: "free_product", cost: 1200,
    productId: "gid://shopify/Product/7", variantId: "gid://shopify/ProductVariant/70", productTitle: "Mug",
  },
  credit: { ...common, id: "credit", name: "$10 store credit", kind: "store_credit", cost: 1000, amountMinor: 1000 },
  pointsForMoney: {
    ...common, id: "points-for-money", name: "Points for money", kind: "variable",
    rate: { points: 100, amountMinor: 100 }, minPoints: 250, maxPoints: 5000, payout: "discount",
  },
  donate: { ...common, id: "donate", name: "Plant a tree", kind: "donation", cause: "Trees", rate: { points: 3, amountMinor: 1 }, minPoints: 10 },
  goldOnly: { ...common, id: "gold-only", name: "Gold gift", kind: "fixed_amount", cost: 0, amountMinor: 2000, tierIds: ["gold"], limit: { maxUses: 1, period: "month" } },
  retired: { ...common, id: "retired", name: "Old reward", kind: "fixed_amount", cost: 100, amountMinor: 100, enabled: false },
} satisfies Record<string, Reward>;

export const CATALOGUE: readonly Reward[] = Object.values(REWARDS);

export const balanceOf = (availablePoints: number): Balance => ({ available: availablePoints, pending: 0, held: 0, lifetime: availablePoints });
