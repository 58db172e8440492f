import { z } from "zod";
import { minorUnitsPerUnit } from "../money/currency";
import { programIssues, type ProgramIssue } from "./program-checks";
import { ProgramRulesV2Schema, type SpendRule } from "./rules-schema";

export * from "./rules-schema";

/**
 * Version 1 (issue #2) held only the spend rule. Stored versions keep their JSON forever
 * (the ledger refers to them), so they are upgraded on read to the same program with every
 * newer rule off.
 */
const ProgramRulesV1Schema = z
  .object({
    schemaVersion: z.literal(1),
    earning: z.object({ spend: z.object({ enabled: z.boolean(), points: z.number(), perAmountMinor: z.number() }).strict() }).strict(),
  })
  .strict();

function upgradeStoredRules(input: unknown): unknown {
  const v1 = ProgramRulesV1Schema.safeParse(input);
  if (!v1.success) return input;
  const { enabled, points, perAmountMinor } = v1.data.earning.spend;
  return withDefaults({ enabled, points, perAmountMinor, base: DEFAULT_BASE, maxPointsPerOrder: null, cap: null }, perAmountMinor);
}

/**
 * A program the engine can run: every field in range (rules-schema.ts) and every rule that
 * spans fields satisfied (program-checks.ts). Applied on every read and every write.
 */
export const ProgramRulesSchema = z.preprocess(
  upgradeStoredRules,
  ProgramRulesV2Schema.superRefine((program, context) => {
    for (const issue of programIssues(program)) context.addIssue({ code: "custom", path: [...issue.path], message: issue.message });
  }),
);
export type ProgramRules = z.output<typeof ProgramRulesV2Schema>;

/** One immutable version of a shop's rules; ledger journals record which one produced them. */
export type ProgramVersion = {
  readonly version: number;
  /** Orders processed at or after this instant are governed by this version. */
  readonly effectiveAt: Date;
  readonly rules: ProgramRules;
};

/** Issue #2's spend base: the current subtotal after discounts, before shipping and taxes, without gift cards. */
export const DEFAULT_BASE = {
  includeShipping: false,
  includeTaxes: false,
  beforeDiscounts: false,
  includeGiftCards: false,
  excludedProductTags: [],
} as const satisfies SpendRule["base"];

/**
 * The default program (issue #2, and what tests rely on): 1 point per 1.00 of the shop's
 * currency on the eligible subtotal; available at once; no sign-up bonus, no tiers.
 * 100 points are worth 1.00 (a 1 % return) for previews and liability.
 */
export function defaultProgramRules(shopCurrency: string): ProgramRules {
  const unit = minorUnitsPerUnit(shopCurrency);
  return withDefaults({ enabled: true, points: 1, perAmountMinor: unit, base: DEFAULT_BASE, maxPointsPerOrder: null, cap: null }, unit);
}

/** A program with this spend rule and every other rule present but off. */
function withDefaults(spend: SpendRule, unitMinor: number): ProgramRules {
  return {
    schemaVersion: 2,
    kind: "spend",
    pointValue: { points: 100, amountMinor: unitMinor },
    earning: {
      spend: { ...spend, base: { ...spend.base, excludedProductTags: [...spend.base.excludedProductTags] } },
      perOrder: { enabled: false, points: 10, minimumSubtotalMinor: 0, limit: null },
      nthOrder: { enabled: false, every: 5, points: 100 },
      signup: { enabled: false, points: 100 },
      birthday: { enabled: false, points: 100 },
      anniversary: { enabled: false, points: 100, increasePerYear: 0 },
    },
    tiers: { enabled: false, metric: "spend", window: "rolling_12_months", levels: [], downgradeGraceDays: 30 },
    rewards: [],
    pending: { enabled: false, days: 30 },
    expiry: { policy: "never", months: 12, reminderDaysBefore: [30, 7] },
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

/** The version in effect now (the one the designer edits). */
export function currentProgramVersion(versions: readonly ProgramVersion[], now: Date): ProgramVersion | null {
  return programVersionAt(versions, now);
}

/** A program the designer sent, checked: the rules, or every problem with its field's path. */
export function validateProgram(input: unknown): { ok: true; rules: ProgramRules } | { ok: false; issues: ProgramIssue[] } {
  const parsed = ProgramRulesSchema.safeParse(input);
  if (parsed.success) return { ok: true, rules: parsed.data };
  return { ok: false, issues: parsed.error.issues.map((issue) => ({ path: issue.path.map((segment) => (typeof segment === "symbol" ? String(segment) : segment)), message: issue.message })) };
}

/** Same rules (JSON-equal after validation): saving them again would make an empty version. */
export function sameRules(a: ProgramRules, b: ProgramRules): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
