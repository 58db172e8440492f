import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { balancesFromJournals, validateJournal, type Journal } from "../ledger/ledger";
import { defaultProgramRules, type ProgramVersion } from "../program/program";
import { expectedPoints, runLifecycle, type DeliveredEvent, type LifecycleSpec, type Step } from "../testing/order-lifecycle";
import { planOrderEvent, type OrderBook, type OrderEvent } from "./order-events";

const START = new Date("2026-03-01T12:00:00Z");
const programVersions: ProgramVersion[] = [
  { version: 1, effectiveAt: new Date("2026-01-01T00:00:00Z"), rules: defaultProgramRules("USD") },
];

type Outcome = { book: OrderBook; journals: Journal[] };

function deliver(events: readonly DeliveredEvent[], countTestOrders: boolean): Outcome {
  let book: OrderBook = { snapshot: null, refunds: [], accrual: new Map(), accrualJournalCount: 0 };
  const journals: Journal[] = [];
  for (const delivered of events) {
    const event: OrderEvent =
      delivered.kind === "order"
        ? { kind: "order", snapshot: delivered.snapshot, refunds: delivered.refunds }
        : { kind: "refund", refund: delivered.refund };
    const plan = planOrderEvent(book, event, { programVersions, countTestOrders, receivedAt: START, actor: `webhook:${delivered.topic}` });
    const accrual = new Map(book.accrual);
    for (const journal of plan.journals) {
      expect(validateJournal(journal).ok).toBe(true);
      journals.push(journal);
      for (const line of journal.lines) {
        if (line.customerId) accrual.set(line.customerId, (accrual.get(line.customerId) ?? 0) + line.points);
      }
    }
    book = {
      snapshot: plan.snapshotToStore ?? book.snapshot,
      refunds: [...book.refunds, ...plan.refundsToStore],
      accrual,
      accrualJournalCount: book.accrualJournalCount + plan.journals.length,
    };
  }
  return { book, journals };
}

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.constant({ kind: "pay" as const }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant("edit" as const), line: fc.nat(5), addUnits: fc.integer({ min: 0, max: 2 }) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("add_line" as const), unitPriceMinor: fc.integer({ min: 1, max: 50_000 }), quantity: fc.integer({ min: 1, max: 3 }), giftCard: fc.boolean() }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant("refund" as const), line: fc.nat(5), units: fc.integer({ min: 1, max: 3 }) }), weight: 3 },
  { arbitrary: fc.constant({ kind: "cancel" as const }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant("change_customer" as const), customerId: fc.constantFrom("cust-b", null) }), weight: 1 },
);

const specArb: fc.Arbitrary<LifecycleSpec> = fc.record({
  orderId: fc.constant("gid://shopify/Order/1"),
  customerId: fc.option(fc.constant("cust-a"), { freq: 8 }),
  test: fc.boolean(),
  paidAtCreation: fc.boolean(),
  lines: fc.array(
    fc.record({ unitPriceMinor: fc.integer({ min: 1, max: 99_999 }), quantity: fc.integer({ min: 1, max: 4 }), giftCard: fc.boolean() }).chain((line) =>
      fc.record({
        unitPriceMinor: fc.constant(line.unitPriceMinor),
        quantity: fc.constant(line.quantity),
        giftCard: fc.constant(line.giftCard),
        discountMinor: line.giftCard ? fc.constant(0) : fc.integer({ min: 0, max: Math.floor((line.unitPriceMinor * line.quantity) / 2) }),
      }),
    ),
    { minLength: 1, maxLength: 4 },
  ),
  steps: fc.array(stepArb, { maxLength: 8 }),
  start: fc.constant(START),
});

/** Every event delivered 1 to 3 times, in an arbitrary order (Shopify's at-least-once, unordered delivery). */
const deliveryArb = (events: readonly DeliveredEvent[]) =>
  fc
    .array(fc.tuple(fc.integer({ min: 1, max: 3 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 })), {
      minLength: events.length,
      maxLength: events.length,
    })
    .map((plans) =>
      plans
        .flatMap(([copies, keys], index) => Array.from({ length: copies }, (_unused, copy) => ({ key: keys[copy] ?? 0, event: events[index]! })))
        .sort((a, b) => a.key - b.key)
        .map(({ event }) => event),
    );

describe("an order's ledger converges whatever the webhooks' order, duplicates or timing", () => {
  it("GIVEN any lifecycle delivered in any order with duplicates THEN the ledger holds exactly what the final state deserves", () => {
    fc.assert(
      fc.property(
        specArb.chain((spec) => {
          const lifecycle = runLifecycle(spec);
          return fc.tuple(fc.constant(lifecycle), deliveryArb(lifecycle.events), fc.boolean());
        }),
        ([lifecycle, delivery, countTestOrders]) => {
          const { book, journals } = deliver(delivery, countTestOrders);
          const expected = expectedPoints(lifecycle, countTestOrders);

          expect(book.snapshot).toEqual(lifecycle.final);
          const held = [...book.accrual].filter(([, points]) => points !== 0);
          expect(held).toEqual(expected.points > 0 && expected.customerId ? [[expected.customerId, expected.points]] : []);

          const keys = journals.map((journal) => journal.key);
          expect(new Set(keys).size).toBe(keys.length);
          const derived = balancesFromJournals(journals);
          for (const [customerId, points] of book.accrual) {
            expect(derived.get(customerId)?.available ?? 0).toBe(points);
            expect(derived.get(customerId)?.lifetime ?? 0).toBe(points);
          }
        },
      ),
      { numRuns: 600 },
    );
  });

  it("GIVEN the same lifecycle delivered in order THEN replaying every event again writes nothing", () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        const lifecycle = runLifecycle(spec);
        const once = deliver(lifecycle.events, true);
        const twice = deliver([...lifecycle.events, ...lifecycle.events], true);
        expect(twice.journals).toEqual(once.journals);
      }),
      { numRuns: 200 },
    );
  });
});

describe("planOrderEvent on hand-written cases", () => {
  const order = runLifecycle({
    orderId: "gid://shopify/Order/7",
    customerId: "cust-a",
    test: false,
    paidAtCreation: true,
    lines: [{ unitPriceMinor: 4_999, quantity: 2, giftCard: false, discountMinor: 0 }],
    steps: [{ kind: "refund", line: 0, units: 1 }],
    start: START,
  });
  const [created, , refund, updated] = order.events;

  it("GIVEN a paid order of 99.98 THEN it earns 99 points", () => {
    const { journals } = deliver([created!], false);
    expect(journals.map((journal) => [journal.kind, journal.lines[1]?.points])).toEqual([["earn", 99]]);
  });

  it("GIVEN the refund arrives before the order update THEN 50 points are reversed once, and the update changes nothing", () => {
    const { journals } = deliver([created!, refund!, updated!], false);
    expect(journals.map((journal) => [journal.kind, journal.lines[0]?.points])).toEqual([
      ["earn", -99],
      ["reversal", -50],
    ]);
  });

  it("GIVEN the update arrives before the refund THEN the refund changes nothing", () => {
    const { journals, book } = deliver([created!, updated!, refund!], false);
    expect(journals).toHaveLength(2);
    expect(book.accrual.get("cust-a")).toBe(49);
  });

  it("GIVEN only an older payload arrives after a newer one THEN it is ignored", () => {
    const { journals, book } = deliver([updated!, created!], false);
    expect(book.snapshot).toEqual(order.final);
    expect(journals).toHaveLength(1);
    expect(book.accrual.get("cust-a")).toBe(49);
  });

  it("GIVEN a refund for an order not seen yet THEN it is stored and nothing is written to the ledger", () => {
    const plan = planOrderEvent(
      { snapshot: null, refunds: [], accrual: new Map(), accrualJournalCount: 0 },
      { kind: "refund", refund: order.refunds[0]! },
      { programVersions, countTestOrders: false, receivedAt: START, actor: "webhook:refunds/create" },
    );
    expect(plan).toMatchObject({ snapshotToStore: null, refundsToStore: [order.refunds[0]], journals: [], earning: null });
  });
});
