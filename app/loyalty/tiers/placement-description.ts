import { formatMoney } from "../money/display";
import type { PlacementImpact } from "./tier-placement";

const count = (n: number, one: string, many: string) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

/**
 * What a placement does, in one sentence: before it is confirmed ("Saving moves 3 members
 * (3 up) and grants 300 points …", `subject` names the act) or after ("3 members moved …").
 */
export function placementHeadline(impact: PlacementImpact, currency: string, subject = "Saving", tense: "before" | "after" = "before"): string {
  const moved = impact.up + impact.down;
  const after = tense === "after";
  if (moved === 0 && impact.bonusPoints === 0) return after ? "No members moved and no points were granted." : `${subject} moves no members and grants no points.`;
  const directions = [impact.up > 0 ? `${impact.up.toLocaleString("en")} up` : null, impact.down > 0 ? `${impact.down.toLocaleString("en")} down` : null].filter(Boolean).join(", ");
  const moves = moved > 0 ? `${after ? "moved" : "moves"} ${count(moved, "member", "members")} (${directions})` : after ? "moved no members" : "moves no members";
  const points =
    impact.bonusPoints > 0
      ? `${after ? "granted" : "grants"} ${count(impact.bonusPoints, "point", "points")} of tier entry bonuses to ${count(impact.bonusMembers, "member", "members")}, worth ${formatMoney(impact.bonusCostMinor, currency)} at the program's point value`
      : after ? "granted no points" : "grants no points";
  return `${after ? "It" : subject} ${moves} and ${points}.`;
}

/** The tiers whose membership changes, "Insider: 0 → 212 members". */
export function placementTierLines(impact: PlacementImpact): string[] {
  return impact.byTier.filter((row) => row.before !== row.after).map((row) => `${row.name}: ${row.before.toLocaleString("en")} → ${count(row.after, "member", "members")}`);
}

/** A few of the members who move, "Ada Lovelace: No tier → Insider", and how many more. */
export function placementExampleLines(impact: PlacementImpact): string[] {
  const lines = impact.examples.map((example) => `${example.name}: ${example.from} → ${example.to}`);
  const more = impact.up + impact.down - impact.examples.length;
  return more > 0 ? [...lines, `and ${count(more, "other member", "other members")}`] : lines;
}
