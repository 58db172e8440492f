import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SEGMENTS, type Segment } from "./rfm-segments";
import { segmentChanges, segmentTag, segmentTagChange, SEGMENT_TAGS } from "./segment-export";

describe("the RFM segment tags", () => {
  it("GIVEN the three segments THEN their tags are wafa-rfm-a, -b and -c", () => {
    expect(SEGMENT_TAGS).toEqual(["wafa-rfm-a", "wafa-rfm-b", "wafa-rfm-c"]);
    expect(segmentTag("B")).toBe("wafa-rfm-b");
  });

  it.each([
    ["A", ["wafa-rfm-a"], ["wafa-rfm-b", "wafa-rfm-c"]],
    ["C", ["wafa-rfm-c"], ["wafa-rfm-a", "wafa-rfm-b"]],
    [null, [], ["wafa-rfm-a", "wafa-rfm-b", "wafa-rfm-c"]],
  ] as const)("GIVEN segment %s THEN add %o and remove %o", (segment, add, remove) => {
    expect(segmentTagChange(segment)).toEqual({ add, remove });
  });
});

describe("which customers an export writes", () => {
  it.each([
    ["never exported: everyone", [[1, "A"], [2, "C"]], [], [{ customerId: 1, segment: "A", previous: null }, { customerId: 2, segment: "C", previous: null }]],
    ["nothing changed: no one", [[1, "A"], [2, "C"]], [[1, "A"], [2, "C"]], []],
    ["B moved to A and A to B: both", [[1, "B"], [2, "A"], [3, "C"]], [[1, "A"], [2, "B"], [3, "C"]], [{ customerId: 1, segment: "B", previous: "A" }, { customerId: 2, segment: "A", previous: "B" }]],
    ["left the ranking: removed", [[2, "A"]], [[1, "C"], [2, "A"]], [{ customerId: 1, segment: null, previous: "C" }]],
  ] as const)("GIVEN %s", (_case, current, exported, expected) => {
    const asMap = (entries: ReadonlyArray<readonly [number, Segment]>) => new Map<number, Segment>(entries);
    expect(segmentChanges(asMap(current), asMap(exported))).toEqual(expected);
  });

  it("GIVEN any rankings THEN applying the changes to what was exported gives exactly the current segments, and a second export writes nothing", () => {
    const segmentMap = fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.constantFrom(...SEGMENTS)), { maxLength: 30 }).map((entries) => new Map<number, Segment>(entries));
    fc.assert(
      fc.property(segmentMap, segmentMap, (current, exported) => {
        const applied = new Map(exported);
        const changes = segmentChanges(current, exported);
        for (const change of changes) {
          if (change.segment === null) applied.delete(change.customerId);
          else applied.set(change.customerId, change.segment);
        }
        expect([...applied].sort((a, b) => a[0] - b[0])).toEqual([...current].sort((a, b) => a[0] - b[0]));
        expect(changes.map((change) => change.customerId)).toEqual([...new Set(changes.map((change) => change.customerId))].sort((a, b) => a - b));
        expect(segmentChanges(current, applied)).toEqual([]);
      }),
    );
  });
});
