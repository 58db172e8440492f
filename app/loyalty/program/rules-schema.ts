import { z } from "zod";

/**
 * The shape of a loyalty program, version 2: what the designer writes and the engine runs.
 * Every number is an integer (points, minor units of the shop's currency, days, percent);
 * every message is written for a merchant, since the designer shows them beside the field.
 * Cross-field rules (tier thresholds that overlap, rewards for tiers that do not exist) are
 * checked in program-checks.ts; ProgramRulesSchema (program.ts) applies both.
 */

const wholeNumber = (label: string, min: number, max: number) =>
  z
    .number(`${label} must be a number.`)
    .int(`${label} must be a whole number.`)
    .min(min, `${label} must be at least ${min.toLocaleString("en-US")}.`)
    .max(max, `${label} can be at most ${max.toLocaleString("en-US")}.`);

/** Points on a rule: positive and bounded, so a typo cannot mint millions of points. */
export const pointsField = (label: string, max = 100_000) => wholeNumber(label, 1, max);

/** An amount of the shop's currency in minor units (cents for USD, yen for JPY). */
export const amountField = (label: string, min = 0) => wholeNumber(label, min, 1_000_000_000);

/** Ids of tiers and rewards: stable slugs the ledger, the extensions and reports refer to. */
export const SlugSchema = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, "Use 1–40 lowercase letters, digits or dashes.");

const NameSchema = (label: string, max: number) =>
  z.string().trim().min(1, `${label} is required.`).max(max, `${label} can be at most ${max} characters.`);

export const ShopifyGidSchema = (type: string) =>
  z.string().regex(new RegExp(`^gid://shopify/${type}/\\d+$`), `Not a Shopify ${type} id.`);

export const PERIODS = ["day", "week", "month", "year"] as const;
export type Period = (typeof PERIODS)[number];
export const PeriodSchema = z.enum(PERIODS, "Choose day, week, month or year.");

/** At most `maxAwards` times per customer in each calendar period (shop time zone). */
export const AwardLimitSchema = z
  .object({ maxAwards: wholeNumber("The limit", 1, 1000), period: PeriodSchema })
  .strict();
export type AwardLimit = z.infer<typeof AwardLimitSchema>;

/** At most `maxPoints` points per customer in each calendar period (shop time zone). */
export const PointsCapSchema = z
  .object({ maxPoints: pointsField("The cap", 10_000_000), period: PeriodSchema })
  .strict();
export type PointsCap = z.infer<typeof PointsCapSchema>;

/** What "spend" means for points: the order's current subtotal, adjusted by these choices. */
export const EarningBaseSchema = z
  .object({
    includeShipping: z.boolean(),
    /** Taxes on top of the subtotal (or, where prices include tax, left in it). */
    includeTaxes: z.boolean(),
    /** Award points on prices before discounts instead of what the customer paid. */
    beforeDiscounts: z.boolean(),
    includeGiftCards: z.boolean(),
    /** Lines whose product carries one of these tags earn nothing (compared case-insensitively). */
    excludedProductTags: z
      .array(z.string().trim().min(1, "A tag cannot be empty.").max(255, "A tag can be at most 255 characters."))
      .max(50, "Exclude at most 50 tags."),
  })
  .strict();
export type EarningBase = z.infer<typeof EarningBaseSchema>;

export const SpendRuleSchema = z
  .object({
    enabled: z.boolean(),
    /** `points` for every `perAmountMinor` of eligible spend, rounded down per order. */
    points: pointsField("Points per amount spent", 1000),
    perAmountMinor: amountField("The amount that earns points", 1),
    base: EarningBaseSchema,
    maxPointsPerOrder: pointsField("The most points per order", 10_000_000).nullable(),
    cap: PointsCapSchema.nullable(),
  })
  .strict();
export type SpendRule = z.infer<typeof SpendRuleSchema>;

export const OrderRuleSchema = z
  .object({
    enabled: z.boolean(),
    points: pointsField("Points per order"),
    /** Orders below this eligible subtotal earn no per-order points (stops tiny-order farming). */
    minimumSubtotalMinor: amountField("The minimum order"),
    limit: AwardLimitSchema.nullable(),
  })
  .strict();
export type OrderRule = z.infer<typeof OrderRuleSchema>;

export const NthOrderRuleSchema = z
  .object({
    enabled: z.boolean(),
    every: wholeNumber("Every how many orders", 2, 100),
    points: pointsField("Bonus points"),
  })
  .strict();
export type NthOrderRule = z.infer<typeof NthOrderRuleSchema>;

export const BonusRuleSchema = z.object({ enabled: z.boolean(), points: pointsField("Bonus points") }).strict();
export type BonusRule = z.infer<typeof BonusRuleSchema>;

export const AnniversaryRuleSchema = z
  .object({
    enabled: z.boolean(),
    points: pointsField("Anniversary points"),
    /** Added for each further year of membership (tenure): year n earns points + (n − 1) × this. */
    increasePerYear: wholeNumber("The yearly increase", 0, 100_000),
  })
  .strict();
export type AnniversaryRule = z.infer<typeof AnniversaryRuleSchema>;

export const EarningRulesSchema = z
  .object({
    spend: SpendRuleSchema,
    perOrder: OrderRuleSchema,
    nthOrder: NthOrderRuleSchema,
    signup: BonusRuleSchema,
    birthday: BonusRuleSchema,
    anniversary: AnniversaryRuleSchema,
  })
  .strict();
export type EarningRules = z.infer<typeof EarningRulesSchema>;

export const TIER_METRICS = ["spend", "points", "orders"] as const;
export type TierMetric = (typeof TIER_METRICS)[number];
export const TIER_WINDOWS = ["lifetime", "calendar_year", "rolling_12_months"] as const;
export type TierWindow = (typeof TIER_WINDOWS)[number];

export const TierPerksSchema = z
  .object({
    /** 100 = 1×, 150 = 1.5×: multiplies spend and per-order points (not bonuses). Capped at 10×. */
    earnMultiplierPercent: wholeNumber("The earn multiplier (%)", 100, 1000),
    /** Exposed to Shopify as a customer tag and metafield, e.g. for early sale access. */
    earlyAccess: z.boolean(),
  })
  .strict();
export type TierPerks = z.infer<typeof TierPerksSchema>;

export const TierLevelSchema = z
  .object({
    id: SlugSchema,
    name: NameSchema("The tier name", 40),
    /** Metric value that qualifies: minor units for spend, points, or a count of orders. */
    threshold: wholeNumber("The threshold", 0, 1_000_000_000_000),
    /** Points granted once, the first time a member reaches this tier. */
    entryBonusPoints: wholeNumber("The entry bonus", 0, 1_000_000),
    perks: TierPerksSchema,
  })
  .strict();
export type TierLevel = z.infer<typeof TierLevelSchema>;

export const TierRulesSchema = z
  .object({
    enabled: z.boolean(),
    metric: z.enum(TIER_METRICS, "Choose spend, points or orders."),
    window: z.enum(TIER_WINDOWS, "Choose lifetime, calendar year or the last 12 months."),
    /** Lowest first; a member below the first threshold has no tier. */
    levels: z.array(TierLevelSchema).max(10, "A program can have at most 10 tiers."),
    /** Days a member keeps a tier after falling below its threshold. */
    downgradeGraceDays: wholeNumber("The grace period", 0, 730),
  })
  .strict();
export type TierRules = z.infer<typeof TierRulesSchema>;

const RateSchema = z
  .object({ points: pointsField("The points of the rate", 1_000_000), amountMinor: amountField("The amount of the rate", 1) })
  .strict();
/** `points` are worth `amountMinor` of the shop's currency. */
export type Rate = z.infer<typeof RateSchema>;

export const RewardConditionsSchema = z
  .object({
    minimumOrderMinor: amountField("The minimum order"),
    /** Empty: the whole order. Otherwise the reward applies to products in these collections. */
    collectionIds: z.array(ShopifyGidSchema("Collection")).max(50, "Choose at most 50 collections."),
  })
  .strict();

export const RewardLimitSchema = z
  .object({ maxUses: wholeNumber("The use limit", 1, 1000), period: z.enum([...PERIODS, "lifetime"], "Choose a period.") })
  .strict();
export type RewardLimit = z.infer<typeof RewardLimitSchema>;

const rewardCommon = {
  id: SlugSchema,
  name: NameSchema("The reward name", 60),
  enabled: z.boolean(),
  conditions: RewardConditionsSchema,
  /** Tiers whose members may use it; empty: every member. */
  tierIds: z.array(SlugSchema).max(10),
  limit: RewardLimitSchema.nullable(),
};
/** Free only as a tier perk with a use limit (checked in program-checks.ts). */
const costField = wholeNumber("The cost in points", 0, 10_000_000);

export const RewardSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ ...rewardCommon, kind: z.literal("fixed_amount"), cost: costField, amountMinor: amountField("The amount off", 1) }).strict(),
    z.object({ ...rewardCommon, kind: z.literal("percentage"), cost: costField, percent: wholeNumber("The percentage off", 1, 100) }).strict(),
    z
      .object({ ...rewardCommon, kind: z.literal("free_shipping"), cost: costField, maxShippingMinor: amountField("The most shipping covered", 1).nullable() })
      .strict(),
    z
      .object({
        ...rewardCommon,
        kind: z.literal("free_product"),
        cost: costField,
        productId: ShopifyGidSchema("Product"),
        variantId: ShopifyGidSchema("ProductVariant"),
        productTitle: NameSchema("The product title", 255),
      })
      .strict(),
    z.object({ ...rewardCommon, kind: z.literal("store_credit"), cost: costField, amountMinor: amountField("The store credit", 1) }).strict(),
    /** "Points for money": the shopper chooses how many points, between min and max, in steps. */
    z
      .object({
        ...rewardCommon,
        kind: z.literal("variable"),
        rate: RateSchema,
        minPoints: pointsField("The minimum points", 10_000_000),
        maxPoints: pointsField("The maximum points", 10_000_000),
        payout: z.enum(["discount", "store_credit"], "Choose a discount or store credit."),
      })
      .strict(),
    /** Points given to a cause the merchant names; the reports total them. */
    z
      .object({
        ...rewardCommon,
        kind: z.literal("donation"),
        cause: NameSchema("The cause", 100),
        rate: RateSchema,
        minPoints: pointsField("The minimum points", 10_000_000),
      })
      .strict(),
  ],
  "Choose a kind of reward.",
);
export type Reward = z.infer<typeof RewardSchema>;
export type RewardKind = Reward["kind"];
export const REWARD_KINDS: readonly RewardKind[] = [
  "fixed_amount", "percentage", "free_shipping", "free_product", "store_credit", "variable", "donation",
];

export const PendingRuleSchema = z
  .object({ enabled: z.boolean(), days: wholeNumber("The pending period (days)", 1, 365) })
  .strict();
export type PendingRule = z.infer<typeof PendingRuleSchema>;

export const EXPIRY_POLICIES = ["never", "inactivity", "per_batch"] as const;
export const ExpiryRuleSchema = z
  .object({
    /** inactivity: the whole balance expires after `months` without earning or redeeming;
     * per_batch: each earned batch expires `months` after it was earned (oldest spent first). */
    policy: z.enum(EXPIRY_POLICIES, "Choose never, after inactivity, or per earned batch."),
    months: wholeNumber("The expiry period (months)", 1, 60),
    /** Reminder events this many days before points expire. */
    reminderDaysBefore: z
      .array(wholeNumber("A reminder", 1, 90))
      .max(3, "Send at most 3 reminders.")
      .refine((days) => new Set(days).size === days.length, "Each reminder day can appear once."),
  })
  .strict();
export type ExpiryRule = z.infer<typeof ExpiryRuleSchema>;

export const PROGRAM_KINDS = [
  "spend", "frequency", "time", "cashback", "tiers", "points_and_tiers", "perks", "mission", "custom",
] as const;
export type ProgramKind = (typeof PROGRAM_KINDS)[number];

export const ProgramRulesV2Schema = z
  .object({
    schemaVersion: z.literal(2),
    /** The preset the program started from (the designer's wording and help follow it). */
    kind: z.enum(PROGRAM_KINDS),
    /** What points are worth, for previews, liability and "points for money" defaults. */
    pointValue: RateSchema,
    earning: EarningRulesSchema,
    tiers: TierRulesSchema,
    rewards: z.array(RewardSchema).max(50, "A catalogue can hold at most 50 rewards."),
    pending: PendingRuleSchema,
    expiry: ExpiryRuleSchema,
  })
  .strict();
