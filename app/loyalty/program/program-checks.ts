import type { Reward, TierRules } from "./rules-schema";

/** A problem with a program, at the path of the field the designer shows it beside. */
export type ProgramIssue = { readonly path: readonly (string | number)[]; readonly message: string };

type CheckedProgram = {
  readonly tiers: TierRules;
  readonly rewards: readonly Reward[];
};

/**
 * Rules that span fields, which a field-by-field schema cannot express: tiers that overlap,
 * duplicate ids, rewards that point at tiers that do not exist, free rewards without a
 * limit. Nothing the engine could not run gets past these.
 */
export function programIssues(program: CheckedProgram): ProgramIssue[] {
  return [...tierIssues(program.tiers), ...rewardIssues(program.rewards, program.tiers)];
}

function tierIssues(tiers: TierRules): ProgramIssue[] {
  const issues: ProgramIssue[] = [];
  if (tiers.enabled && tiers.levels.length === 0) {
    issues.push({ path: ["tiers", "levels"], message: "Add at least one tier, or turn tiers off." });
  }
  const ids = new Set<string>();
  const names = new Set<string>();
  tiers.levels.forEach((level, index) => {
    if (ids.has(level.id)) issues.push({ path: ["tiers", "levels", index, "id"], message: `Another tier already uses the id "${level.id}".` });
    ids.add(level.id);
    const name = level.name.toLocaleLowerCase("en-US");
    if (names.has(name)) issues.push({ path: ["tiers", "levels", index, "name"], message: `Another tier is already called "${level.name}".` });
    names.add(name);
    const previous = tiers.levels[index - 1];
    if (previous && level.threshold <= previous.threshold) {
      issues.push({
        path: ["tiers", "levels", index, "threshold"],
        message: `${level.name} must need more than ${previous.name}: tier thresholds cannot overlap.`,
      });
    }
  });
  return issues;
}

function rewardIssues(rewards: readonly Reward[], tiers: TierRules): ProgramIssue[] {
  const issues: ProgramIssue[] = [];
  const tierIds = new Set(tiers.levels.map((level) => level.id));
  const ids = new Set<string>();
  rewards.forEach((reward, index) => {
    const at = (...path: (string | number)[]) => ["rewards", index, ...path];
    if (ids.has(reward.id)) issues.push({ path: at("id"), message: `Another reward already uses the id "${reward.id}".` });
    ids.add(reward.id);
    reward.tierIds.forEach((tierId, tierIndex) => {
      if (!tierIds.has(tierId)) issues.push({ path: at("tierIds", tierIndex), message: `There is no tier "${tierId}".` });
    });
    if (reward.tierIds.length > 0 && !tiers.enabled) {
      issues.push({ path: at("tierIds"), message: `${reward.name} is only for some tiers, but tiers are off: nobody could use it.` });
    }
    if (reward.kind === "variable" && reward.minPoints > reward.maxPoints) {
      issues.push({ path: at("maxPoints"), message: "The maximum points cannot be lower than the minimum." });
    }
    if ("cost" in reward && reward.cost === 0 && (reward.tierIds.length === 0 || reward.limit === null)) {
      issues.push({
        path: at("cost"),
        message: "A reward can be free only as a tier perk with a use limit; otherwise it must cost at least 1 point.",
      });
    }
  });
  return issues;
}
