/** Test support for tier modules: a three-level spend program to vary per test. */
import type { TierLevel, TierRules } from "../program/rules-schema";

export const level = (id: string, name: string, threshold: number, entryBonusPoints = 0, earnMultiplierPercent = 100): TierLevel => ({
  id,
  name,
  threshold,
  entryBonusPoints,
  perks: { earnMultiplierPercent, earlyAccess: false },
});

/** Silver from 300.00, Gold from 1,000.00, Platinum from 5,000.00 over the last 12 months. */
export const SILVER = level("silver", "Silver", 30_000, 100, 110);
export const GOLD = level("gold", "Gold", 100_000, 500, 125);
export const PLATINUM = level("platinum", "Platinum", 500_000, 0, 150);

export const tierRules = (overrides: Partial<TierRules> = {}): TierRules => ({
  enabled: true,
  metric: "spend",
  window: "rolling_12_months",
  levels: [SILVER, GOLD, PLATINUM],
  downgradeGraceDays: 30,
  ...overrides,
});
