import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { evaluateTier, NO_TIER } from "./tier-evaluation";
import { previewTierMoves, type PreviewMember } from "./tier-preview";
import { GOLD, level, PLATINUM, SILVER, tierRules } from "./tier-fixtures";

const member = (tierId: string | null, value: number): PreviewMember => ({ tierId, value });
const rows = (preview: ReturnType<typeof previewTierMoves>) => preview.byTier.map((row) => [row.tierId, row.name, row.before, row.after]);

describe("previewing how many members a tier-rules change would move", () => {
  it("GIVEN no members THEN every row is empty and nobody moves", () => {
    expect(previewTierMoves([], tierRules())).toEqual({
      up: 0,
      down: 0,
      unchanged: 0,
      byTier: [
        { tierId: null, name: "No tier", before: 0, after: 0 },
        { tierId: "silver", name: "Silver", before: 0, after: 0 },
        { tierId: "gold", name: "Gold", before: 0, after: 0 },
        { tierId: "platinum", name: "Platinum", before: 0, after: 0 },
      ],
    });
  });

  it.each([
    ["no tier, value one below Silver", "unchanged", member(null, 29_999)],
    ["no tier, value exactly at Silver", "up", member(null, 30_000)],
    ["no tier, value at Platinum (a jump)", "up", member(null, 500_000)],
    ["Silver, value still Silver", "unchanged", member("silver", 99_999)],
    ["Silver, value at Gold", "up", member("silver", 100_000)],
    ["Gold, value one below Gold", "down", member("gold", 99_999)],
    ["Gold, value below every tier", "down", member("gold", 0)],
    ["a removed tier, value at Platinum", "down", member("diamond", 500_000)],
  ])("GIVEN a member in %s THEN they count as %s", (_given, bucket, m) => {
    const preview = previewTierMoves([m], tierRules());
    expect({ up: preview.up, down: preview.down, unchanged: preview.unchanged }).toEqual({ up: 0, down: 0, unchanged: 0, [bucket]: 1 });
  });

  it("GIVEN a mixed membership WHEN Gold's threshold is raised THEN the counts and rows show who moves", () => {
    const raisedGold = tierRules({ levels: [SILVER, { ...GOLD, threshold: 200_000 }, PLATINUM] });
    const members = [member(null, 0), member("silver", 50_000), member("gold", 150_000), member("gold", 250_000), member("platinum", 600_000), member(null, 200_000)];
    const preview = previewTierMoves(members, raisedGold);
    expect({ up: preview.up, down: preview.down, unchanged: preview.unchanged }).toEqual({ up: 1, down: 1, unchanged: 4 });
    expect(rows(preview)).toEqual([
      [null, "No tier", 2, 1],
      ["silver", "Silver", 1, 2],
      ["gold", "Gold", 2, 2],
      ["platinum", "Platinum", 1, 1],
    ]);
  });

  it("GIVEN members in tiers the new rules no longer have THEN each removed tier is its own row, after the levels, by id", () => {
    const members = [member("zinc", 0), member("diamond", 600_000), member("diamond", 40_000), member("gold", 100_000)];
    const preview = previewTierMoves(members, tierRules());
    expect(rows(preview)).toEqual([
      [null, "No tier", 0, 1],
      ["silver", "Silver", 0, 1],
      ["gold", "Gold", 1, 1],
      ["platinum", "Platinum", 0, 1],
      ["diamond", "(removed tier)", 2, 0],
      ["zinc", "(removed tier)", 1, 0],
    ]);
    expect({ up: preview.up, down: preview.down, unchanged: preview.unchanged }).toEqual({ up: 0, down: 3, unchanged: 1 });
  });

  it("GIVEN tiers are being turned off THEN every member with a tier moves down to no tier", () => {
    const preview = previewTierMoves([member("gold", 900_000), member(null, 900_000), member("silver", 0)], tierRules({ enabled: false }));
    expect({ up: preview.up, down: preview.down, unchanged: preview.unchanged }).toEqual({ up: 0, down: 2, unchanged: 1 });
    expect(rows(preview)[0]).toEqual([null, "No tier", 1, 3]);
  });

  it("GIVEN a member whose tier's threshold was lowered to their value THEN nothing changes (exactly at threshold qualifies)", () => {
    const lowered = tierRules({ levels: [level("silver", "Silver", 10_000), GOLD, PLATINUM] });
    expect(previewTierMoves([member("silver", 10_000)], lowered)).toMatchObject({ up: 0, down: 0, unchanged: 1 });
  });
});

describe("preview invariants", () => {
  const tierId = fc.constantFrom(null, "silver", "gold", "platinum", "diamond");
  const members = fc.array(fc.record({ tierId, value: fc.integer({ min: 0, max: 700_000 }) }), { maxLength: 40 });
  const enabled = fc.boolean();

  it("PROPERTY: every member is counted once: up + down + unchanged = members, and rows sum to members before and after", () => {
    fc.assert(
      fc.property(members, enabled, (ms, on) => {
        const preview = previewTierMoves(ms, tierRules({ enabled: on }));
        expect(preview.up + preview.down + preview.unchanged).toBe(ms.length);
        expect(preview.byTier.reduce((sum, row) => sum + row.before, 0)).toBe(ms.length);
        expect(preview.byTier.reduce((sum, row) => sum + row.after, 0)).toBe(ms.length);
      }),
    );
  });

  it("PROPERTY: the preview agrees with evaluating each member with no grace period", () => {
    fc.assert(
      fc.property(members, enabled, (ms, on) => {
        const rules = tierRules({ enabled: on, downgradeGraceDays: 0 });
        const now = new Date("2026-03-01T00:00:00Z");
        const changes = ms.map((m) => evaluateTier({ state: m.tierId === null ? NO_TIER : { tierId: m.tierId, since: now, belowSince: null }, value: m.value, rules, now }).change);
        const preview = previewTierMoves(ms, rules);
        expect(preview.up).toBe(changes.filter((c) => c?.direction === "up").length);
        expect(preview.down).toBe(changes.filter((c) => c?.direction === "down").length);
      }),
    );
  });
});
