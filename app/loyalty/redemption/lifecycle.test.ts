import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addBalances, balanceDeltas, balancesFromJournals, validateJournal, ZERO_BALANCE, type Balance, type Journal } from "../ledger/ledger";
import { checkEligibility } from "./eligibility";
import { applyEvent, requestRedemption, type Redemption, type RedemptionEvent, type RedemptionStatus } from "./lifecycle";
import { balanceOf, CATALOGUE, REWARDS } from "./redemption-fixtures";
import { rewardValue } from "./reward-value";

const requestedAt = new Date("2026-11-24T15:00:00Z");
const HOLD_MS = 30 * 60_000;
const later = new Date(requestedAt.getTime() + HOLD_MS);
const context = { now: requestedAt, actor: "test" };

const base: Redemption = {
  id: "c1:key-00000001", customerId: "c1", rewardId: "five-off", points: 500, value: rewardValue(REWARDS.fiveOff, 500, "USD"),
  programVersion: 3, status: "requested", requestedAt, expiresAt: later, materialisation: null, orderId: null, releaseReason: null,
};
const fn = { kind: "discount_function" } as const;
const at = (status: RedemptionStatus, overrides: Partial<Redemption> = {}): Redemption => ({
  ...base, status,
  materialisation: ["requested", "reserved"].includes(status) ? null : fn,
  orderId: ["applied", "committed", "returned"].includes(status) ? "order-1" : null,
  ...overrides,
});
const credit: Partial<Redemption> = { rewardId: "credit", points: 1000, value: rewardValue(REWARDS.credit, 1000, "USD") };
const donation: Partial<Redemption> = { rewardId: "donate", points: 30, value: rewardValue(REWARDS.donate, 30, "USD") };

const moves = (journals: readonly Journal[]) =>
  journals.map((journal) => `${journal.key.replace("redeem:c1:key-00000001:", "")} ${journal.kind}: ${journal.lines.map((line) => `${line.account} ${line.points}`).join(", ")}`);

type Row = [string, Redemption, RedemptionEvent, { status?: RedemptionStatus; error?: string; journals?: string[]; replay?: boolean }];
const rows: Row[] = [
  // requested
  ["reserve with enough points holds them", at("requested"), { type: "reserve", available: 500 }, { status: "reserved", journals: ["hold redeem: member.available -500, member.held 500"] }],
  ["reserve with too few points", at("requested"), { type: "reserve", available: 499 }, { error: "insufficient_points" }],
  ["reserve with a negative balance", at("requested"), { type: "reserve", available: -10 }, { error: "insufficient_points" }],
  ["release before any hold", at("requested"), { type: "release", reason: "shopper_cancelled" }, { status: "released", journals: [] }],
  ["expire before any hold", at("requested", { expiresAt: requestedAt }), { type: "expire" }, { status: "released", journals: [] }],
  ["materialise before the hold", at("requested"), { type: "materialise", materialisation: fn }, { error: "invalid_transition" }],
  ["commit before the hold", at("requested"), { type: "commit", orderId: "order-1" }, { error: "invalid_transition" }],
  // reserved
  ["reserve again (a replay)", at("reserved"), { type: "reserve", available: 0 }, { status: "reserved", journals: [], replay: true }],
  ["materialise as a Function reservation", at("reserved"), { type: "materialise", materialisation: fn }, { status: "materialised", journals: [] }],
  ["materialise as a single-use code", at("reserved"), { type: "materialise", materialisation: { kind: "discount_code", code: "WAFA-7QX", discountId: "gid://shopify/DiscountCodeNode/1" } }, { status: "materialised" }],
  ["materialise a discount as store credit", at("reserved"), { type: "materialise", materialisation: { kind: "store_credit", transactionId: "t1" } }, { error: "invalid_transition" }],
  ["materialise store credit as a discount", at("reserved", credit), { type: "materialise", materialisation: fn }, { error: "invalid_transition" }],
  ["materialise store credit", at("reserved", credit), { type: "materialise", materialisation: { kind: "store_credit", transactionId: "t1" } }, { status: "materialised" }],
  ["materialising fails", at("reserved"), { type: "release", reason: "materialisation_failed" }, { status: "released", journals: ["settle release: member.held -500, member.available 500"] }],
  ["expire unused at its time", at("reserved"), { type: "expire" }, { error: "not_expired_yet" }],
  ["commit before materialising", at("reserved"), { type: "commit", orderId: "order-1" }, { error: "invalid_transition" }],
  // materialised
  ["materialise again the same way (a replay)", at("materialised"), { type: "materialise", materialisation: fn }, { status: "materialised", replay: true }],
  ["materialise again another way", at("materialised"), { type: "materialise", materialisation: { kind: "discount_code", code: "X", discountId: "d" } }, { error: "invalid_transition" }],
  ["an order uses it", at("materialised"), { type: "order_placed", orderId: "order-1" }, { status: "applied", journals: [] }],
  ["the order using it is paid (orders/paid before orders/create)", at("materialised"), { type: "commit", orderId: "order-1" }, { status: "committed", journals: ["settle redeem: member.held -500, program.redeemed 500"] }],
  ["a discount commits only with an order", at("materialised"), { type: "commit", orderId: null }, { error: "order_required" }],
  ["store credit issued commits it", at("materialised", { ...credit, materialisation: { kind: "store_credit", transactionId: "t1" } }), { type: "commit", orderId: null }, { status: "committed", journals: ["settle redeem: member.held -1000, program.redeemed 1000"] }],
  ["a donation commits to the donated account", at("materialised", { ...donation, materialisation: { kind: "donation" } }), { type: "commit", orderId: null }, { status: "committed", journals: ["settle redeem: member.held -30, program.donated 30"] }],
  ["store credit has no order to place", at("materialised", { ...credit, materialisation: { kind: "store_credit", transactionId: "t1" } }), { type: "order_placed", orderId: "order-1" }, { error: "invalid_transition" }],
  ["expired unused", at("materialised"), { type: "expire" }, { error: "not_expired_yet" }],
  ["the shopper cancels", at("materialised"), { type: "release", reason: "shopper_cancelled" }, { status: "released", journals: ["settle release: member.held -500, member.available 500"] }],
  ["an order placed without the discount", at("materialised"), { type: "release", reason: "discount_not_applied", orderId: "order-2" }, { status: "released", journals: ["settle release: member.held -500, member.available 500"] }],
  ["the order is cancelled before we saw it placed", at("materialised"), { type: "order_cancelled", orderId: "order-1" }, { status: "released", journals: ["settle release: member.held -500, member.available 500"] }],
  // applied
  ["the same order placed again (a replay)", at("applied"), { type: "order_placed", orderId: "order-1" }, { status: "applied", replay: true }],
  ["another order claims it", at("applied"), { type: "order_placed", orderId: "order-2" }, { error: "order_mismatch" }],
  ["its order is paid", at("applied"), { type: "commit", orderId: "order-1" }, { status: "committed", journals: ["settle redeem: member.held -500, program.redeemed 500"] }],
  ["another order is paid", at("applied"), { type: "commit", orderId: "order-2" }, { error: "order_mismatch" }],
  ["its order is cancelled before payment", at("applied"), { type: "order_cancelled", orderId: "order-1" }, { status: "released", journals: ["settle release: member.held -500, member.available 500"] }],
  ["another order is cancelled", at("applied"), { type: "order_cancelled", orderId: "order-2" }, { error: "order_mismatch" }],
  ["its order turned out not to carry the discount", at("applied"), { type: "release", reason: "discount_not_applied", orderId: "order-1" }, { status: "released" }],
  ["the clock passes while an order carries it", at("applied", { expiresAt: requestedAt }), { type: "expire" }, { error: "invalid_transition" }],
  // committed
  ["paid again (a replay)", at("committed"), { type: "commit", orderId: "order-1" }, { status: "committed", journals: [], replay: true }],
  ["paid by another order", at("committed"), { type: "commit", orderId: "order-2" }, { error: "already_committed" }],
  ["released after use", at("committed"), { type: "release", reason: "shopper_cancelled" }, { error: "already_committed" }],
  ["expired after use", at("committed", { expiresAt: requestedAt }), { type: "expire" }, { error: "already_committed" }],
  ["its paid order is cancelled: the points return", at("committed"), { type: "order_cancelled", orderId: "order-1" }, { status: "returned", journals: ["return release: program.redeemed -500, member.available 500"] }],
  ["another order is cancelled", at("committed"), { type: "order_cancelled", orderId: "order-2" }, { error: "order_mismatch" }],
  ["the order placed, seen after payment (a replay)", at("committed"), { type: "order_placed", orderId: "order-1" }, { status: "committed", replay: true }],
  // released and returned: everything is a replay or refused, nothing moves twice
  ["released again (a replay)", at("released"), { type: "release", reason: "shopper_cancelled" }, { status: "released", journals: [], replay: true }],
  ["expired after release (a replay)", at("released", { expiresAt: requestedAt }), { type: "expire" }, { status: "released", journals: [], replay: true }],
  ["paid after release (the expiry won the race)", at("released"), { type: "commit", orderId: "order-1" }, { error: "already_released" }],
  ["placed after release", at("released"), { type: "order_placed", orderId: "order-1" }, { error: "already_released" }],
  ["reserved again after release", at("released"), { type: "reserve", available: 5000 }, { error: "invalid_transition" }],
  ["cancelled again after the points returned (a replay)", at("returned"), { type: "order_cancelled", orderId: "order-1" }, { status: "returned", journals: [], replay: true }],
  ["paid again after the points returned", at("returned"), { type: "commit", orderId: "order-1" }, { error: "already_released" }],
];

describe("applyEvent: GIVEN a redemption in a state, WHEN an event arrives", () => {
  it.each(rows)("%s", (_, redemption, event, expected) => {
    const result = applyEvent(redemption, event, context);
    if (expected.error) {
      expect(result.ok ? `moved to ${result.value.redemption.status}` : result.error).toBe(expected.error);
      return;
    }
    if (!result.ok) throw new Error(`refused: ${result.error} ${JSON.stringify(result.params)}`);
    expect(result.value.redemption.status).toBe(expected.status);
    if (expected.journals) expect(moves(result.value.journals)).toEqual(expected.journals);
    expect(result.value.replay).toBe(expected.replay ?? false);
    for (const journal of result.value.journals) expect(validateJournal(journal).ok).toBe(true);
  });

  it("expires once its time has come, giving the points back", () => {
    const result = applyEvent(at("materialised"), { type: "expire" }, { now: later, actor: "system:redemption-expiry" });
    expect(result).toMatchObject({ ok: true, value: { redemption: { status: "released", releaseReason: "expired" } } });
    expect(result.ok && moves(result.value.journals)).toEqual(["settle release: member.held -500, member.available 500"]);
  });

  it("a free tier perk moves no points at any step", () => {
    const perk = at("requested", { rewardId: "gold-only", points: 0 });
    const reserved = applyEvent(perk, { type: "reserve", available: 0 }, context);
    expect(reserved).toMatchObject({ ok: true, value: { journals: [], redemption: { status: "reserved" } } });
  });

  it("journals name the order, the program version and the reward", () => {
    const result = applyEvent(at("applied"), { type: "commit", orderId: "order-1" }, context);
    expect(result.ok && result.value.journals[0]).toMatchObject({ orderId: "order-1", programVersion: 3, memo: "reward:five-off", customerId: "c1" });
  });

  it("a new request starts with its expiry set from the hold duration", () => {
    const eligible = checkEligibility(
      { rewards: CATALOGUE, member: { customerId: "c1", tierId: null, balance: balanceOf(600) }, prior: [], timeZone: "UTC", currency: "USD", now: requestedAt },
      { rewardId: "five-off", points: null, idempotencyKey: "key-00000001" },
    );
    if (!eligible.ok) throw new Error(eligible.error);
    expect(requestRedemption(eligible.value, 3, requestedAt, HOLD_MS)).toEqual(base);
    expect(() => requestRedemption(eligible.value, 3, requestedAt, 0)).toThrow();
  });
});

/**
 * A model of the service: one member's ledger, transitions applied one at a time (as the
 * transaction's lock serialises them), journals kept only if their key is new (the unique
 * constraint).
 */
type Op = { kind: "reserve" | "materialise" | "commit" | "release" | "expire"; target: number; minutes: number };
function simulate(startBalance: number, cost: number, ops: readonly Op[]) {
  const start: Journal = {
    key: "earn:seed", kind: "earn", customerId: "c1", orderId: null, programVersion: 1, occurredAt: requestedAt, memo: null, actor: "test",
    lines: [{ account: "program.issued", customerId: null, points: -startBalance }, { account: "member.available", customerId: "c1", points: startBalance }],
  };
  const ledger = new Map<string, Journal>();
  const running = { balance: ZERO_BALANCE };
  if (startBalance > 0) commitJournals(ledger, running, [start]);
  const redemptions: Redemption[] = [];
  let reservedCount = 0;
  const balance = () => running.balance;
  for (const op of ops) {
    const now = new Date(requestedAt.getTime() + op.minutes * 60_000);
    if (op.kind === "reserve") {
      const id = redemptions.length;
      const fresh: Redemption = { ...base, id: `c1:key-${String(id).padStart(8, "0")}`, points: cost, requestedAt: now, expiresAt: new Date(now.getTime() + HOLD_MS) };
      const result = applyEvent(fresh, { type: "reserve", available: balance().available }, { now, actor: "test" });
      if (!result.ok) continue;
      redemptions.push(result.value.redemption);
      reservedCount += 1;
      commitJournals(ledger, running, result.value.journals);
      continue;
    }
    const index = redemptions.length === 0 ? -1 : op.target % redemptions.length;
    const current = redemptions[index];
    if (!current) continue;
    const event: RedemptionEvent =
      op.kind === "materialise" ? { type: "materialise", materialisation: fn }
        : op.kind === "commit" ? { type: "commit", orderId: `order-${index}` }
          : op.kind === "release" ? { type: "release", reason: "shopper_cancelled" }
            : { type: "expire" };
    const result = applyEvent(current, event, { now, actor: "test" });
    if (!result.ok) continue;
    redemptions[index] = result.value.redemption;
    commitJournals(ledger, running, result.value.journals);
  }
  // The running balance is what the ledger derives.
  expect(balancesFromJournals(ledger.values()).get("c1") ?? ZERO_BALANCE).toEqual(running.balance);
  return { ledger, redemptions, reservedCount, balance: balance() };
}

function commitJournals(ledger: Map<string, Journal>, running: { balance: Balance }, journals: readonly Journal[]): void {
  for (const journal of journals) {
    // A transition never writes a key twice: the settle key is what makes commit and release exclusive.
    if (ledger.has(journal.key)) throw new Error(`key ${journal.key} written twice`);
    if (!validateJournal(journal).ok) throw new Error(`journal ${journal.key} does not balance`);
    ledger.set(journal.key, journal);
    const after = addBalances(running.balance, balanceDeltas(journal).get("c1") ?? ZERO_BALANCE);
    running.balance = after;
    if (after.available < 0 || after.held < 0) throw new Error(`overdrawn after ${journal.key}: ${JSON.stringify(after)}`);
  }
}

describe("properties over one balance", () => {
  const op = fc.record({
    kind: fc.constantFrom<Op["kind"]>("reserve", "materialise", "commit", "release", "expire"),
    target: fc.nat({ max: 50 }),
    minutes: fc.integer({ min: 0, max: 120 }),
  });

  it("GIVEN any interleaving of reserve, materialise, commit, release and expire THEN available and held never go negative, every journal balances, and points are conserved", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 1500 }), fc.array(op, { maxLength: 60 }), (startBalance, cost, ops) => {
        const { ledger, redemptions, balance } = simulate(startBalance, cost, ops);
        const held = redemptions.filter((r) => r.status === "reserved" || r.status === "materialised" || r.status === "applied").length;
        const spent = redemptions.filter((r) => r.status === "committed").length;
        expect(balance).toEqual({ available: startBalance - (held + spent) * cost, pending: 0, held: held * cost, lifetime: startBalance });
        const total = [...ledger.values()].flatMap((journal) => journal.lines).reduce((sum, line) => sum + line.points, 0);
        expect(total).toBe(0);
      }),
    );
  });

  it("GIVEN a balance and a fixed cost THEN exactly ⌊balance / cost⌋ of many reservations succeed", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 5, max: 2000 }), fc.integer({ min: 0, max: 40 }), (startBalance, cost, extra) => {
        const attempts = Math.floor(startBalance / cost) + extra;
        const ops: Op[] = Array.from({ length: attempts }, () => ({ kind: "reserve", target: 0, minutes: 0 }));
        const { reservedCount, balance } = simulate(startBalance, cost, ops);
        expect(reservedCount).toBe(Math.floor(startBalance / cost));
        expect(balance.available).toBe(startBalance % cost);
      }),
    );
  });

  it("a release after a commit (or a commit after a release) is refused, so the settle key is written once", () => {
    const committed = applyEvent(at("applied"), { type: "commit", orderId: "order-1" }, context);
    if (!committed.ok) throw new Error(committed.error);
    expect(applyEvent(committed.value.redemption, { type: "release", reason: "shopper_cancelled" }, context).ok).toBe(false);
    const released = applyEvent(at("materialised"), { type: "release", reason: "shopper_cancelled" }, context);
    if (!released.ok) throw new Error(released.error);
    expect(applyEvent(released.value.redemption, { type: "commit", orderId: "order-1" }, context).ok).toBe(false);
  });
});
