import { z } from "zod";
import { minorUnitsPerUnit } from "../money/currency";

/**
 * Points for spend: `points` for every `perAmountMinor` of the order's eligible subtotal
 * (shop currency, minor units), rounded down per order. The eligible subtotal is fixed for
 * now (current subtotal after discounts and refunds, before shipping and taxes, without
 * gift cards); configurable bases arrive with the program designer.
 */
export const SpendRuleSchema = z
  .object({
    enabled: z.boolean(),
    points: z.number().int().min(1).max(1000),
    perAmountMinor: z.number().int().min(1).max(1_000_000_000),
  })
  .strict();

export const ProgramRulesSchema = z
  .object({
    schemaVersion: z.literal(1),
    earning: z.object({ spend: SpendRuleSchema }).strict(),
  })
  .strict();

export type SpendRule = z.infer<typeof SpendRuleSchema>;
export type ProgramRules = z.infer<typeof ProgramRulesSchema>;

/** One immutable version of a shop's rules; ledger journals record which one produced them. */
export type ProgramVersion = {
  readonly version: number;
  /** Orders processed at or after this instant are governed by this version. */
  readonly effectiveAt: Date;
  readonly rules: ProgramRules;
};

/**
 * The default program (issue #2, and what tests rely on): 1 point per 1.00 of the shop's
 * currency on the eligible subtotal; available at once; no sign-up bonus, no tiers.
 */
export function defaultProgramRules(shopCurrency: string): ProgramRules {
  return {
    schemaVersion: 1,
    earning: { spend: { enabled: true, points: 1, perAmountMinor: minorUnitsPerUnit(shopCurrency) } },
  };
}

/**
 * The version governing an order processed at `at`: the newest one already in effect.
 * Orders processed before the shop's first version (history from before install) are
 * outside the program and earn nothing; a retroactive grant is a separate, explicit act.
 */
export function programVersionAt(versions: readonly ProgramVersion[], at: Date): ProgramVersion | null {
  let governing: ProgramVersion | null = null;
  for (const candidate of versions) {
    if (candidate.effectiveAt.getTime() > at.getTime()) continue;
    if (!governing || candidate.version > governing.version) governing = candidate;
  }
  return governing;
}
