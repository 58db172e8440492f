import { z } from "zod";
import { minorUnitsPerUnit } from "../money/currency";
import { formatDecimal, money } from "../money/money";
import type { ProgramRules } from "./program";
import { presetFor, type AmountFormatter, type Preset } from "./presets";
import type { TypicalCustomer } from "./preview";
import type { ProgramKind } from "./rules-schema";

/**
 * The first-run wizard's choices: a preset and the few numbers a merchant tunes before the
 * program starts (the designer holds everything else). Plain data in and out, so the
 * admin page previews with exactly what the server will save.
 */

/** Every program kind but "custom" (the designer's own), in the presets' order. */
export const WIZARD_KINDS = ["spend", "frequency", "time", "cashback", "tiers", "points_and_tiers", "perks", "mission"] as const satisfies readonly Exclude<ProgramKind, "custom">[];
export type WizardKind = (typeof WIZARD_KINDS)[number];

const keyNumber = (label: string, min: number, max: number) =>
  z.coerce
    .number(`${label} must be a number.`)
    .int(`${label} must be a whole number.`)
    .min(min, `${label} must be at least ${min.toLocaleString("en-US")}.`)
    .max(max, `${label} can be at most ${max.toLocaleString("en-US")}.`);

/**
 * The key numbers, each optional (left out: the preset's value). Form fields arrive as
 * strings, hence the coercion; an empty string is "left out".
 */
export const KeyNumbersSchema = z
  .object({
    /** Points for every 1.00 of the shop's currency spent. */
    spendPoints: keyNumber("Points per amount spent", 1, 1000),
    /** Points for every order, whatever its size. */
    orderPoints: keyNumber("Points per order", 1, 100_000),
    /** The welcome bonus on joining; 0 switches it off. */
    signupPoints: keyNumber("The sign-up bonus", 0, 100_000),
  })
  .partial()
  .strict();
export type KeyNumbers = z.infer<typeof KeyNumbersSchema>;

export const WizardChoiceSchema = z
  .object({
    kind: z.enum(WIZARD_KINDS, "Choose one of the eight program types."),
    numbers: z.preprocess(dropEmpty, KeyNumbersSchema).default({}),
  })
  .strict();
export type WizardChoice = z.infer<typeof WizardChoiceSchema>;

function dropEmpty(input: unknown): unknown {
  if (typeof input !== "object" || input === null) return input;
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== "" && value !== undefined && value !== null));
}

/** Which key numbers a preset's program uses (a per-order rule means nothing to a pure spend program). */
export type KeyNumberName = keyof KeyNumbers;

export function keyNumbersOf(rules: ProgramRules, currency: string): { readonly name: KeyNumberName; readonly value: number }[] {
  const unit = minorUnitsPerUnit(currency);
  const numbers: { name: KeyNumberName; value: number }[] = [];
  const { spend, perOrder, signup } = rules.earning;
  // Only a "per 1.00" spend rule is tuned as "points per 1.00"; presets all use that form.
  if (spend.enabled && spend.perAmountMinor === unit) numbers.push({ name: "spendPoints", value: spend.points });
  if (perOrder.enabled) numbers.push({ name: "orderPoints", value: perOrder.points });
  numbers.push({ name: "signupPoints", value: signup.enabled ? signup.points : 0 });
  return numbers;
}

/**
 * The preset's program with the merchant's numbers applied. A number for a rule the preset
 * does not use is ignored rather than switching that rule on: the wizard only tunes.
 */
export function wizardProgram(choice: WizardChoice, currency: string, formatAmount?: AmountFormatter): ProgramRules {
  const preset: Preset | null = presetFor(choice.kind);
  if (!preset) throw new Error(`No preset for ${choice.kind}`);
  const rules = preset.rules(currency, formatAmount);
  const applicable = new Set(keyNumbersOf(rules, currency).map((number) => number.name));
  const { spendPoints, orderPoints, signupPoints } = choice.numbers;
  const earning = { ...rules.earning };
  if (spendPoints !== undefined && applicable.has("spendPoints")) earning.spend = { ...earning.spend, points: spendPoints };
  if (orderPoints !== undefined && applicable.has("orderPoints")) earning.perOrder = { ...earning.perOrder, points: orderPoints };
  if (signupPoints !== undefined) {
    earning.signup = signupPoints > 0 ? { enabled: true, points: signupPoints } : { ...earning.signup, enabled: false };
  }
  return { ...rules, earning };
}

/**
 * Reward names in the shop's money ("$5 off"), the same on the server that saves and the
 * page that previews. Display only: the float never enters a calculation.
 */
export function shopAmountFormatter(currency: string, locale = "en"): AmountFormatter {
  const whole = new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: 0, maximumFractionDigits: 0 });
  const exact = new Intl.NumberFormat(locale, { style: "currency", currency });
  const unit = minorUnitsPerUnit(currency);
  return (minor) => (minor % unit === 0 ? whole : exact).format(Number(formatDecimal(money(minor, currency))));
}

/** How one customer bought over the last 12 months (paid, not cancelled orders). */
export type CustomerHistory = { readonly orders: number; readonly spendMinor: number };

export type TypicalCustomerBasis =
  | { readonly source: "history"; readonly customers: number; readonly orders: number }
  | { readonly source: "default"; readonly customers: number; readonly orders: number };

/** Fewer customers than this and a median says more about chance than about the shop. */
export const MINIMUM_CUSTOMERS_FOR_HISTORY = 5;

/**
 * The guides' example shopper when a shop has no history yet: 3 orders a year (their
 * "raise purchase frequency from 3 to 3.3" example) of 50.00 each, scaled to the currency
 * like the presets' amounts.
 */
export function defaultTypicalCustomer(currency: string): TypicalCustomer {
  return { ordersPerYear: 3, averageOrderMinor: 50 * minorUnitsPerUnit(currency) };
}

/**
 * A typical customer from the last 12 months: the median number of orders per customer
 * (robust to a few wholesale buyers) and the average order value over all their orders.
 * Falls back to the default, and says so, when there is too little history.
 */
export function typicalCustomerFrom(history: readonly CustomerHistory[], currency: string): { customer: TypicalCustomer; basis: TypicalCustomerBasis } {
  const buyers = history.filter((entry) => entry.orders > 0);
  const orders = buyers.reduce((sum, entry) => sum + entry.orders, 0);
  const spend = buyers.reduce((sum, entry) => sum + entry.spendMinor, 0);
  if (buyers.length < MINIMUM_CUSTOMERS_FOR_HISTORY || spend <= 0) {
    return { customer: defaultTypicalCustomer(currency), basis: { source: "default", customers: buyers.length, orders } };
  }
  return {
    customer: { ordersPerYear: medianOrders(buyers), averageOrderMinor: Math.floor(spend / orders) },
    basis: { source: "history", customers: buyers.length, orders },
  };
}

/** The median, rounded down to whole orders (the preview places whole orders). */
function medianOrders(buyers: readonly CustomerHistory[]): number {
  const sorted = buyers.map((entry) => entry.orders).sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[middle] ?? 1) : Math.floor(((sorted[middle - 1] ?? 1) + (sorted[middle] ?? 1)) / 2);
  return Math.max(1, median);
}
