import { describe, expect, it } from "vitest";
import { METRIC_DEFINITIONS, METRIC_IDS } from "./metric-definitions";

describe("every metric explains itself", () => {
  it.each(METRIC_IDS)("GIVEN %s THEN it has a name, a formula and a direction", (id) => {
    const definition = METRIC_DEFINITIONS[id];
    expect(definition.name.length).toBeGreaterThan(2);
    expect(definition.formula.length).toBeGreaterThan(5);
    expect(["higher-is-better", "lower-is-better", "neutral"]).toContain(definition.direction);
  });

  it("GIVEN the guides' formulas THEN the texts state them", () => {
    expect(METRIC_DEFINITIONS["customer-retention-rate"].formula).toBe("(E − N) / S × 100");
    expect(METRIC_DEFINITIONS["net-promoter-score"].formula).toMatch(/9–10.*0–6/);
    expect(METRIC_DEFINITIONS["program-roi"].notes).toMatch(/group named/);
    expect(METRIC_DEFINITIONS["churn-rate"].direction).toBe("lower-is-better");
    expect(METRIC_DEFINITIONS["customer-effort-score"].direction).toBe("lower-is-better");
  });

  it("GIVEN the ids THEN they are kebab-case and unique (they name the JSON exports)", () => {
    expect(new Set(METRIC_IDS).size).toBe(METRIC_IDS.length);
    for (const id of METRIC_IDS) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });
});
