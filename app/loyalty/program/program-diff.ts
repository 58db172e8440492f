import type { ProgramRules } from "./program";
import type { AmountFormatter } from "./presets";

/** One difference between two versions of a program, in the merchant's words. */
export type ProgramChange = {
  readonly label: string;
  readonly before: string | null;
  readonly after: string | null;
};

const WORDS: Readonly<Record<string, string>> = {
  kind: "Program kind",
  pointValue: "Point value",
  earning: "",
  spend: "Points for spending",
  perOrder: "Points per order",
  nthOrder: "Every-Nth-order bonus",
  signup: "Sign-up bonus",
  birthday: "Birthday bonus",
  anniversary: "Anniversary bonus",
  enabled: "on",
  points: "points",
  perAmountMinor: "per amount spent",
  base: "counts",
  includeShipping: "shipping",
  includeTaxes: "taxes",
  beforeDiscounts: "prices before discounts",
  includeGiftCards: "gift cards",
  excludedProductTags: "excluded product tags",
  maxPointsPerOrder: "most points per order",
  cap: "cap",
  maxPoints: "most points",
  period: "period",
  limit: "limit",
  maxAwards: "most times",
  minimumSubtotalMinor: "minimum order",
  every: "every how many orders",
  increasePerYear: "increase per year",
  tiers: "Tiers",
  metric: "qualify by",
  window: "over",
  downgradeGraceDays: "grace period (days)",
  threshold: "threshold",
  entryBonusPoints: "entry bonus",
  perks: "perks",
  earnMultiplierPercent: "earn multiplier (%)",
  earlyAccess: "early access",
  name: "name",
  cost: "cost (points)",
  amountMinor: "amount",
  percent: "percent off",
  maxShippingMinor: "most shipping covered",
  productTitle: "product",
  productId: "product id",
  variantId: "variant id",
  rate: "rate",
  minPoints: "minimum points",
  maxPoints_reward: "maximum points",
  payout: "paid as",
  cause: "cause",
  conditions: "conditions",
  minimumOrderMinor: "minimum order",
  collectionIds: "collections",
  tierIds: "for tiers",
  maxUses: "most uses",
  pending: "Pending period",
  days: "days",
  expiry: "Expiry",
  policy: "policy",
  months: "months",
  reminderDaysBefore: "reminders (days before)",
};

/**
 * Where a problem is, in the merchant's words: `["rewards", 0, "cost"]` reads "Reward
 * “Treat” › cost (points)" when the draft's first reward is named Treat.
 */
export function describeLocation(path: readonly (string | number)[], draft: unknown): string {
  const words: string[] = [];
  let node: unknown = draft;
  for (let index = 0; index < path.length; index++) {
    const segment = path[index];
    const parent = path[index - 1];
    node = node !== null && typeof node === "object" && segment !== undefined ? (node as Record<string | number, unknown>)[segment] : undefined;
    if (typeof segment === "number") {
      const name = node !== null && typeof node === "object" && typeof (node as { name?: unknown }).name === "string" ? (node as { name: string }).name : null;
      const what = parent === "levels" ? "Tier" : parent === "rewards" ? "Reward" : null;
      if (what) {
        words.pop();
        words.push(name ? `${what} “${name}”` : `${what} ${segment + 1}`);
      } else {
        words.push(`#${segment + 1}`);
      }
      continue;
    }
    if (segment === "levels") continue;
    if (segment === "rewards") {
      words.push("Rewards");
      continue;
    }
    const label = labelOf(segment ?? "", words);
    if (label) words.push(label);
  }
  return words.join(" › ");
}

type Leaf = string | number | boolean | null;

/** Every leaf of a program by a readable path; tiers and rewards are keyed by their names. */
function leaves(rules: ProgramRules): Map<string, Leaf | readonly Leaf[]> {
  const result = new Map<string, Leaf | readonly Leaf[]>();
  const walk = (value: unknown, path: readonly string[]): void => {
    if (Array.isArray(value) && value.every((item) => typeof item !== "object" || item === null)) {
      result.set(path.join(" › "), value as Leaf[]);
    } else if (value !== null && typeof value === "object") {
      for (const [key, child] of Object.entries(value)) walk(child, [...path, labelOf(key, path)].filter(Boolean));
    } else {
      result.set(path.join(" › "), value as Leaf);
    }
  };
  const { tiers, rewards, schemaVersion: _schemaVersion, ...rest } = rules;
  walk(rest, []);
  const { levels, ...tierSettings } = tiers;
  walk(tierSettings, ["Tiers"]);
  for (const level of levels) walk(level, [`Tier “${level.name}” (${level.id})`]);
  for (const reward of rewards) walk(reward, [`Reward “${reward.name}” (${reward.id})`]);
  return result;
}

function labelOf(key: string, path: readonly string[]): string {
  const inReward = path.some((segment) => segment.startsWith("Reward"));
  if (key === "maxPoints" && inReward) return WORDS.maxPoints_reward ?? key;
  if (key === "kind" && inReward) return "type";
  return WORDS[key] ?? key;
}

const TIER_METRIC_WORDS: Readonly<Record<string, string>> = { spend: "amount spent", points: "points earned", orders: "number of orders" };

function show(value: Leaf | readonly Leaf[] | undefined, path: string, formatAmount: AmountFormatter, thresholdIsMoney: boolean): string | null {
  if (value === undefined) return null;
  if (value === null) return "none";
  if (Array.isArray(value)) return value.length === 0 ? "none" : value.join(", ");
  if (typeof value === "boolean") return value ? "yes" : "no";
  const isAmount = /amount|minimum order|most shipping|per amount spent/.test(path) || (thresholdIsMoney && /threshold$/.test(path));
  if (typeof value === "number" && isAmount) {
    return formatAmount(value);
  }
  // Tiers' qualifying measure, in the designer's words rather than its stored key ("spend").
  if (typeof value === "string" && /qualify by$/.test(path) && value in TIER_METRIC_WORDS) return TIER_METRIC_WORDS[value] ?? value;
  // Enumerations are stored in snake_case ("free_shipping", "rolling_12_months").
  return typeof value === "string" && /^[a-z0-9]+(_[a-z0-9]+)+$/.test(value) ? value.replace(/_/g, " ") : String(value);
}

/**
 * What changed between two versions, leaf by leaf, for the version history. Tiers and
 * rewards are matched by id, so a renamed reward shows as a change of its name rather
 * than a removal and an addition. Amounts are shown as money, and so are tier thresholds
 * when tiers qualify by spend.
 */
export function diffPrograms(before: ProgramRules, after: ProgramRules, formatAmount: AmountFormatter): ProgramChange[] {
  const rename = (rules: ProgramRules) => {
    const map = leaves(rules);
    const byId = new Map<string, Leaf | readonly Leaf[]>();
    for (const [path, value] of map) byId.set(path.replace(/“[^”]*” \(([^)]+)\)/, "$1"), value);
    return { map, byId };
  };
  const old = rename(before);
  const next = rename(after);
  const labelFor = (key: string) =>
    [...next.map.keys(), ...old.map.keys()].find((path) => path.replace(/“[^”]*” \(([^)]+)\)/, "$1") === key) ?? key;
  const changes: ProgramChange[] = [];
  for (const key of new Set([...old.byId.keys(), ...next.byId.keys()])) {
    const label = labelFor(key);
    const previous = show(old.byId.get(key), label, formatAmount, before.tiers.metric === "spend");
    const current = show(next.byId.get(key), label, formatAmount, after.tiers.metric === "spend");
    if (previous !== current) changes.push({ label, before: previous, after: current });
  }
  return changes;
}
