import { minorUnitsPerUnit } from "../money/currency";
import { formatMoney } from "../money/display";
import { defaultProgramRules, type ProgramRules } from "./program";
import type { ProgramKind, Reward, TierLevel } from "./rules-schema";

/**
 * The eight kinds of program the guides describe (../shared/PRODUCT.md), each as a working
 * starting point the designer's wizard offers. Amounts scale with the currency's unit, so
 * a yen shop gets yen-sized numbers; the merchant tunes them afterwards.
 */
export type Preset = {
  readonly kind: Exclude<ProgramKind, "custom">;
  readonly title: string;
  /** One sentence on what it is, with the guides' example. */
  readonly summary: string;
  readonly example: string;
  readonly rules: (currency: string, formatAmount?: AmountFormatter) => ProgramRules;
};

/** Formats minor units for reward names ("$5 off"); the admin passes the shop's locale formatter. */
export type AmountFormatter = (minor: number) => string;

const plainAmount = (currency: string): AmountFormatter => (minor) => formatMoney(minor, currency);

type RewardCommon = Pick<Reward, "enabled" | "conditions" | "tierIds" | "limit">;
const common = (): RewardCommon => ({ enabled: true, conditions: { minimumOrderMinor: 0, collectionIds: [] }, tierIds: [], limit: null });

const amountOff = (format: AmountFormatter, id: string, cost: number, amountMinor: number): Reward => ({
  ...common(), id, name: `${format(amountMinor)} off`, kind: "fixed_amount", cost, amountMinor,
});
const freeShipping = (cost: number, extra: Partial<Reward> = {}): Reward =>
  ({ ...common(), id: "free-shipping", name: "Free shipping", kind: "free_shipping", cost, maxShippingMinor: null, ...extra }) as Reward;
const level = (id: string, name: string, threshold: number, multiplier: number, extra: Partial<TierLevel> = {}): TierLevel => ({
  id, name, threshold, entryBonusPoints: 0, perks: { earnMultiplierPercent: multiplier, earlyAccess: false }, ...extra,
});

function base(currency: string, kind: ProgramKind): { rules: ProgramRules; unit: number } {
  const rules = defaultProgramRules(currency);
  return { rules: { ...rules, kind }, unit: minorUnitsPerUnit(currency) };
}

const withEarning = (rules: ProgramRules, earning: Partial<ProgramRules["earning"]>): ProgramRules => ({
  ...rules,
  earning: { ...rules.earning, ...earning },
});

export const PRESETS: readonly Preset[] = [
  {
    kind: "spend",
    title: "Points for spending",
    summary: "Customers earn points for every unit of currency they spend and trade them for discounts.",
    example: "Like airline miles: the more you fly, the more you earn.",
    rules: (currency, format = plainAmount(currency)) => {
      const { rules, unit } = base(currency, "spend");
      return {
        ...withEarning(rules, { spend: { ...rules.earning.spend, points: 5 }, signup: { enabled: true, points: 200 } }),
        rewards: [amountOff(format, "five-off", 500, 5 * unit), amountOff(format, "ten-off", 1000, 10 * unit), amountOff(format, "twenty-five-off", 2500, 25 * unit)],
      };
    },
  },
  {
    kind: "frequency",
    title: "Rewards for coming back",
    summary: "Points for every order, whatever its size, and a bonus on every fifth order.",
    example: "Like Starbucks stars: every visit counts.",
    rules: (currency, format = plainAmount(currency)) => {
      const { rules, unit } = base(currency, "frequency");
      return {
        ...withEarning(rules, {
          spend: { ...rules.earning.spend, enabled: false },
          perOrder: { enabled: true, points: 10, minimumSubtotalMinor: 10 * unit, limit: { maxAwards: 1, period: "day" } },
          nthOrder: { enabled: true, every: 5, points: 50 },
        }),
        pointValue: { points: 20, amountMinor: unit },
        rewards: [freeShipping(60), amountOff(format, "five-off", 100, 5 * unit)],
      };
    },
  },
  {
    kind: "time",
    title: "Rewards for loyalty over time",
    summary: "Points every year a customer stays a member, growing with tenure, plus a birthday gift.",
    example: "Like IKEA Family: the longer you are with us, the more you get.",
    rules: (currency, format = plainAmount(currency)) => {
      const { rules, unit } = base(currency, "time");
      return {
        ...withEarning(rules, {
          signup: { enabled: true, points: 100 },
          birthday: { enabled: true, points: 200 },
          anniversary: { enabled: true, points: 250, increasePerYear: 50 },
        }),
        rewards: [amountOff(format, "five-off", 500, 5 * unit), amountOff(format, "ten-off", 1000, 10 * unit)],
      };
    },
  },
  {
    kind: "cashback",
    title: "Cashback",
    summary: "A share of every purchase comes back as store credit the customer spends like cash.",
    example: "Like a cashback credit card: 5 % back on everything.",
    rules: (currency) => {
      const { rules, unit } = base(currency, "cashback");
      return {
        ...withEarning(rules, { spend: { ...rules.earning.spend, points: 5 } }),
        rewards: [
          { ...common(), id: "cashback", name: "Cashback to store credit", kind: "variable", rate: { points: 100, amountMinor: unit }, minPoints: 500, maxPoints: 100_000, payout: "store_credit" },
        ],
      };
    },
  },
  {
    kind: "tiers",
    title: "VIP tiers",
    summary: "Three tiers by spend over the last 12 months; higher tiers earn faster and get perks.",
    example: "Like DSW VIP: Club, Gold and Elite, each with more rewards.",
    rules: (currency, format = plainAmount(currency)) => {
      const { rules, unit } = base(currency, "tiers");
      return {
        ...rules,
        tiers: {
          enabled: true,
          metric: "spend",
          window: "rolling_12_months",
          downgradeGraceDays: 30,
          levels: [
            level("member", "Member", 0, 100),
            level("gold", "Gold", 250 * unit, 125, { entryBonusPoints: 100 }),
            level("elite", "Elite", 500 * unit, 150, { entryBonusPoints: 250, perks: { earnMultiplierPercent: 150, earlyAccess: true } }),
          ],
        },
        rewards: [amountOff(format, "ten-off", 1000, 10 * unit), freeShipping(0, { tierIds: ["elite"], limit: { maxUses: 1, period: "month" } })],
      };
    },
  },
  {
    kind: "points_and_tiers",
    title: "Points and tiers",
    summary: "Points on every purchase and tiers that unlock better earning, perks and a birthday gift.",
    example: "Like Sephora Beauty Insider: Insider, VIB and Rouge.",
    rules: (currency, format = plainAmount(currency)) => {
      const { rules, unit } = base(currency, "points_and_tiers");
      return {
        ...withEarning(rules, { signup: { enabled: true, points: 100 }, birthday: { enabled: true, points: 250 } }),
        tiers: {
          enabled: true,
          metric: "spend",
          window: "calendar_year",
          downgradeGraceDays: 90,
          levels: [
            level("insider", "Insider", 0, 100),
            level("vib", "VIB", 350 * unit, 125, { entryBonusPoints: 150 }),
            level("rouge", "Rouge", 1000 * unit, 150, { entryBonusPoints: 500, perks: { earnMultiplierPercent: 150, earlyAccess: true } }),
          ],
        },
        rewards: [
          amountOff(format, "five-off", 500, 5 * unit),
          amountOff(format, "fifteen-off", 1500, 15 * unit),
          freeShipping(0, { tierIds: ["rouge"], limit: { maxUses: 2, period: "month" } }),
        ],
      };
    },
  },
  {
    kind: "perks",
    title: "Free perks",
    summary: "Points for orders that unlock perks customers love: free shipping and a percentage off.",
    example: "Like Grubhub+: free delivery and member-only deals.",
    rules: (currency) => {
      const { rules, unit } = base(currency, "perks");
      return {
        ...withEarning(rules, { perOrder: { enabled: true, points: 25, minimumSubtotalMinor: 5 * unit, limit: null } }),
        rewards: [freeShipping(150), { ...common(), id: "ten-percent-off", name: "10% off", kind: "percentage", cost: 400, percent: 10 }],
      };
    },
  },
  {
    kind: "mission",
    title: "Give to a cause",
    summary: "Customers can donate their points to a cause you name; reports show the total given.",
    example: "Like Ben & Jerry's: loyalty that does good.",
    rules: (currency, format = plainAmount(currency)) => {
      const { rules, unit } = base(currency, "mission");
      return {
        ...rules,
        rewards: [
          { ...common(), id: "donate", name: "Donate to our cause", kind: "donation", cause: "Our community garden", rate: { points: 100, amountMinor: unit }, minPoints: 100 },
          amountOff(format, "five-off", 500, 5 * unit),
        ],
      };
    },
  },
];

export function presetFor(kind: ProgramKind): Preset | null {
  return PRESETS.find((preset) => preset.kind === kind) ?? null;
}
