import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { balancesFromJournals, validateJournal, type Journal } from "../ledger/ledger";
import { defaultProgramRules, type ProgramRules, type ProgramVersion } from "../program/program";
import { expectedPoints, runLifecycle, type DeliveredEvent, type LifecycleSpec, type Step } from "../testing/order-lifecycle";
import { NO_HOLDING, type AccrualHolding } from "./accrual";
import { accrualTargetFor, orderAccrualJournals, planOrderEvent, type OrderBook, type OrderEvent } from "./order-events";

const START = new Date("2026-03-01T12:00:00Z");
const DAY = 86_400_000;
const versionsWith = (rules: ProgramRules): ProgramVersion[] => [{ version: 1, effectiveAt: new Date("2026-01-01T00:00:00Z"), rules }];
const programVersions = versionsWith(defaultProgramRules("USD"));

type Ledger = { book: OrderBook; accrual: Map<string, AccrualHolding>; journals: Journal[] };

/** Applies one delivery the way the service does: plan, store, reconcile the ledger at `now`. */
function applyEvent(state: Ledger, delivered: DeliveredEvent, options: { countTestOrders: boolean; versions?: ProgramVersion[]; now?: Date }): Ledger {
  const versions = options.versions ?? programVersions;
  const now = options.now ?? START;
  const event: OrderEvent =
    delivered.kind === "order"
      ? { kind: "order", snapshot: delivered.snapshot, refunds: delivered.refunds }
      : { kind: "refund", refund: delivered.refund };
  const plan = planOrderEvent(state.book, event, { programVersions: versions, countTestOrders: options.countTestOrders });
  const book: OrderBook = {
    snapshot: plan.snapshot,
    refunds: [...state.book.refunds, ...plan.refundsToStore],
    paidAt: plan.paidAt,
    multiplierPercent: plan.multiplierPercent,
  };
  if (!plan.earning || !plan.snapshot) return { ...state, book };
  const target = accrualTargetFor(plan.earning, plan.earning.points, plan.paidAt, versions);
  const journals = orderAccrualJournals(
    { orderId: plan.snapshot.orderId, current: state.accrual, journalCount: state.journals.length },
    target,
    { now, occurredAt: plan.businessAt ?? now, actor: `webhook:${delivered.topic}` },
  );
  const accrual = new Map(state.accrual);
  for (const journal of journals) {
    expect(validateJournal(journal).ok).toBe(true);
    for (const line of journal.lines) {
      if (!line.customerId) continue;
      const holding = accrual.get(line.customerId) ?? NO_HOLDING;
      accrual.set(line.customerId, line.account === "member.pending"
        ? { ...holding, pending: holding.pending + line.points }
        : { ...holding, available: holding.available + line.points });
    }
  }
  return { book, accrual, journals: [...state.journals, ...journals] };
}

const EMPTY: Ledger = { book: { snapshot: null, refunds: [] }, accrual: new Map(), journals: [] };

function deliver(events: readonly DeliveredEvent[], countTestOrders: boolean): Ledger {
  return events.reduce((state, event) => applyEvent(state, event, { countTestOrders }), EMPTY);
}

const held = (accrual: Map<string, AccrualHolding>) =>
  [...accrual].filter(([, holding]) => holding.pending !== 0 || holding.available !== 0);

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
          const { book, accrual, journals } = deliver(delivery, countTestOrders);
          const expected = expectedPoints(lifecycle, countTestOrders);

          expect(book.snapshot).toEqual(lifecycle.final);
          expect(held(accrual)).toEqual(expected.points > 0 && expected.customerId ? [[expected.customerId, { pending: 0, available: expected.points }]] : []);

          const keys = journals.map((journal) => journal.key);
          expect(new Set(keys).size).toBe(keys.length);
          const derived = balancesFromJournals(journals);
          for (const [customerId, holding] of accrual) {
            expect(derived.get(customerId)?.available ?? 0).toBe(holding.available);
            expect(derived.get(customerId)?.lifetime ?? 0).toBe(holding.available);
          }
        },
      ),
      { numRuns: 600 },
    );
  });

  it("GIVEN a 14-day pending period and deliveries spread over a month THEN points sit in pending until maturity and end available, in any delivery order", () => {
    const pendingProgram = versionsWith({ ...defaultProgramRules("USD"), pending: { enabled: true, days: 14 } });
    fc.assert(
      fc.property(
        specArb.chain((spec) => {
          const lifecycle = runLifecycle(spec);
          const times = fc.array(fc.integer({ min: 0, max: 30 * DAY }), { minLength: lifecycle.events.length, maxLength: lifecycle.events.length });
          return fc.tuple(fc.constant(lifecycle), deliveryArb(lifecycle.events), times);
        }),
        ([lifecycle, delivery, offsets]) => {
          const sortedOffsets = [...offsets].sort((a, b) => a - b);
          let state = EMPTY;
          delivery.forEach((event, index) => {
            const now = new Date(START.getTime() + (sortedOffsets[Math.min(index, sortedOffsets.length - 1)] ?? 0));
            state = applyEvent(state, event, { countTestOrders: true, versions: pendingProgram, now });
            const maturesAt = state.book.paidAt ? state.book.paidAt.getTime() + 14 * DAY : null;
            for (const [, holding] of state.accrual) {
              // Never both: before maturity everything is pending, after it everything is available.
              expect(holding.pending === 0 || holding.available === 0).toBe(true);
              if (holding.pending > 0) expect(maturesAt !== null && now.getTime() < maturesAt).toBe(true);
            }
          });
          // A last reconciliation after maturity (the pending-release job) makes every point available.
          const last = delivery.at(-1);
          if (last) state = applyEvent(state, last, { countTestOrders: true, versions: pendingProgram, now: new Date(START.getTime() + 60 * DAY) });
          const expected = expectedPoints(lifecycle, true);
          expect(held(state.accrual)).toEqual(expected.points > 0 && expected.customerId ? [[expected.customerId, { pending: 0, available: expected.points }]] : []);
        },
      ),
      { numRuns: 300 },
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
    const { journals, accrual } = deliver([created!, updated!, refund!], false);
    expect(journals).toHaveLength(2);
    expect(accrual.get("cust-a")).toEqual({ pending: 0, available: 49 });
  });

  it("GIVEN only an older payload arrives after a newer one THEN it is ignored", () => {
    const { journals, book, accrual } = deliver([updated!, created!], false);
    expect(book.snapshot).toEqual(order.final);
    expect(journals).toHaveLength(1);
    expect(accrual.get("cust-a")).toEqual({ pending: 0, available: 49 });
  });

  it("GIVEN a refund for an order not seen yet THEN it is stored and nothing is written to the ledger", () => {
    const plan = planOrderEvent(
      { snapshot: null, refunds: [] },
      { kind: "refund", refund: order.refunds[0]! },
      { programVersions, countTestOrders: false },
    );
    expect(plan).toMatchObject({ snapshotToStore: null, refundsToStore: [order.refunds[0]], earning: null });
  });
});

describe("an order's journals carry its business date, not the delivery's", () => {
  const PROCESSED = new Date("2025-06-10T09:00:00Z");
  const REFUNDED = new Date("2025-07-01T15:30:00Z");
  const LOADED = new Date("2026-03-01T12:00:00Z");
  // The model's first payload is paid a second after the order was processed.
  const PAID = new Date(PROCESSED.getTime() + 1000).toISOString();
  const order = runLifecycle({
    orderId: "gid://shopify/Order/8",
    customerId: "cust-a",
    test: false,
    paidAtCreation: true,
    lines: [{ unitPriceMinor: 4_999, quantity: 2, giftCard: false, discountMinor: 0 }],
    steps: [{ kind: "refund", line: 0, units: 1 }],
    start: PROCESSED,
  });
  // The refund was processed three weeks after the order (the model's clock ticks by seconds).
  const redate = (event: DeliveredEvent): DeliveredEvent =>
    event.kind === "refund"
      ? { ...event, refund: { ...event.refund, processedAt: REFUNDED } }
      : { ...event, snapshot: { ...event.snapshot, updatedAt: event.refunds.length > 0 ? REFUNDED : event.snapshot.updatedAt }, refunds: event.refunds.map((refund) => ({ ...refund, processedAt: REFUNDED })) };
  const events = order.events.map(redate);
  // The program has been in force since before the order (orders before it earn nothing).
  const versions: ProgramVersion[] = [{ version: 1, effectiveAt: new Date("2025-01-01T00:00:00Z"), rules: defaultProgramRules("USD") }];
  const replay = (deliveries: readonly DeliveredEvent[], now: Date) => deliveries.reduce((state, event) => applyEvent(state, event, { countTestOrders: false, now, versions }), EMPTY);
  const dated = (ledger: Ledger) => ledger.journals.map((journal) => [journal.kind, journal.occurredAt.toISOString()]);

  it("GIVEN a year-old order and its refund loaded today THEN the earn is dated when it was paid and the reversal when the refund was", () => {
    expect(dated(replay(events, LOADED))).toEqual([
      ["earn", PAID],
      ["reversal", REFUNDED.toISOString()],
    ]);
  });

  it("GIVEN the refund delivered before the order update, or the update alone THEN the reversal carries the refund's date all the same", () => {
    const [created, , refund, updated] = events;
    expect(dated(replay([created!, refund!, updated!], LOADED))).toEqual([["earn", PAID], ["reversal", REFUNDED.toISOString()]]);
    expect(dated(replay([created!, updated!], LOADED))).toEqual([["earn", PAID], ["reversal", REFUNDED.toISOString()]]);
  });

  it("GIVEN a business date after the moment Wafa records the event (a clock ahead) THEN the journal is dated when it was recorded", () => {
    const early = new Date(PROCESSED.getTime() - DAY);
    expect(dated(replay(events.slice(0, 1), early))).toEqual([["earn", early.toISOString()]]);
  });

  it("GIVEN an order paid a week after it was placed THEN its points are dated at the payment", () => {
    const placed = runLifecycle({ orderId: "gid://shopify/Order/9", customerId: "cust-a", test: false, paidAtCreation: false, lines: [{ unitPriceMinor: 1_000, quantity: 1, giftCard: false, discountMinor: 0 }], steps: [{ kind: "pay" }], start: PROCESSED });
    const paidAt = new Date(PROCESSED.getTime() + 7 * DAY);
    const deliveries = placed.events.map((event) => (event.kind === "order" && event.snapshot.financialStatus === "paid" ? { ...event, snapshot: { ...event.snapshot, updatedAt: paidAt } } : event));
    expect(dated(replay(deliveries, LOADED))).toEqual([["earn", paidAt.toISOString()]]);
  });
});
