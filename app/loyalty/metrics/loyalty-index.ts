import { z } from "zod";
import { err, ok, type Result } from "../result";
import { addRatios, clampRatio, divideRatios, isDefined, multiplyRatios, NOT_DEFINED, ONE, ratio, ZERO, type Ratio } from "./ratio";

export const LOYALTY_INDEX_COMPONENTS = ["retention", "repeat", "frequency", "nps"] as const;
export type LoyaltyIndexComponent = (typeof LOYALTY_INDEX_COMPONENTS)[number];

const weight = (label: string) =>
  z.int(`${label} must be a whole number.`).min(0, `${label} cannot be negative.`).max(100, `${label} can be at most 100.`);

/** Weights in percent, whole numbers adding up to 100. */
export const LoyaltyIndexWeightsSchema = z
  .object({
    retention: weight("The retention weight"),
    repeat: weight("The repeat purchase weight"),
    frequency: weight("The frequency weight"),
    nps: weight("The NPS weight"),
  })
  .refine((w) => w.retention + w.repeat + w.frequency + w.nps === 100, "The weights must add up to 100.");
export type LoyaltyIndexWeights = z.infer<typeof LoyaltyIndexWeightsSchema>;

/** Defaults: keeping customers counts most, then their word (NPS) and coming back at all, then how often. */
export const DEFAULT_LOYALTY_INDEX_WEIGHTS: LoyaltyIndexWeights = { retention: 30, repeat: 25, frequency: 20, nps: 25 };

/** The default frequency that earns the full frequency score: 2 orders per customer in the period. */
export const DEFAULT_FREQUENCY_TARGET: Ratio = ratio(2, 1);

export function parseLoyaltyIndexWeights(input: unknown): Result<LoyaltyIndexWeights, "invalid_weights"> {
  const parsed = LoyaltyIndexWeightsSchema.safeParse(input);
  if (!parsed.success) return err("invalid_weights", parsed.error.issues.map((issue) => issue.message).join(" "));
  return ok(parsed.data);
}

export type LoyaltyIndexInputs = {
  /** Customer retention rate, 0..1. */
  readonly retention: Ratio;
  /** Repeat purchase rate, 0..1. */
  readonly repeat: Ratio;
  /** Purchase frequency (orders per customer in the period). */
  readonly frequency: Ratio;
  /** NPS as a fraction, −1..1. */
  readonly nps: Ratio;
};

export type LoyaltyIndex = {
  /** 0..1; `roundRatio(index, 100)` is the 0–100 score. Not defined when no component is. */
  readonly index: Ratio;
  readonly components: ReadonlyArray<{
    readonly component: LoyaltyIndexComponent;
    /** The component on 0..1, as it enters the index. */
    readonly score: Ratio;
    readonly weight: number;
    /** The weight actually applied, 0..1, after leaving out components that are not defined. */
    readonly appliedWeight: Ratio;
  }>;
  /** Components left out because they are not defined (no survey answers yet, no customers at the start). */
  readonly missing: readonly LoyaltyIndexComponent[];
};

/**
 * Customer Loyalty Index, 0–100 = Σ weight × component score / Σ weights, with each
 * component on 0..1: retention rate and repeat purchase rate as they are; purchase
 * frequency / the merchant's target, capped at 1; NPS mapped from −100..100 to 0..1 as
 * (NPS + 100) / 200. A component that is not defined is left out and the remaining weights
 * scaled up to 100 %, listed as missing. Every score is clamped to 0..1.
 */
export function loyaltyIndex(inputs: LoyaltyIndexInputs, weights: LoyaltyIndexWeights, frequencyTarget: Ratio): LoyaltyIndex {
  const scores: Record<LoyaltyIndexComponent, Ratio> = {
    retention: inputs.retention,
    repeat: inputs.repeat,
    frequency: divideRatios(inputs.frequency, frequencyTarget),
    nps: divideRatios(addRatios(inputs.nps, ONE), ratio(2, 1)),
  };
  const present = LOYALTY_INDEX_COMPONENTS.filter((component) => isDefined(scores[component]));
  const presentWeight = present.reduce((sum, component) => sum + weights[component], 0);
  let index = presentWeight > 0 ? ZERO : NOT_DEFINED;
  const components = LOYALTY_INDEX_COMPONENTS.map((component) => {
    const score = clampRatio(scores[component], ZERO, ONE);
    const appliedWeight = isDefined(score) && presentWeight > 0 ? ratio(weights[component], presentWeight) : ZERO;
    if (isDefined(score) && presentWeight > 0) index = addRatios(index, multiplyRatios(score, appliedWeight));
    return { component, score, weight: weights[component], appliedWeight };
  });
  return { index, components, missing: LOYALTY_INDEX_COMPONENTS.filter((component) => !present.includes(component)) };
}
