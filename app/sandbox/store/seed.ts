/**
 * A year (or any window) of demo history for the sandbox store: customers signing up,
 * placing and repeating orders, guests, discount codes, pending payments, edits, partial
 * refunds, cancellations and a few test orders — the mix Wafa's ledger has to get right.
 *
 * Deterministic: a seeded PRNG plans everything first, then the plan runs through the store's
 * public operations in chronological order, so the webhooks come out sorted by `at`.
 */
import { z } from "zod";
import { currencyExponent } from "../../loyalty/money/currency";
import { formatDecimal, money } from "../../loyalty/money/money";
import {
  DEMO_PRODUCTS,
  DEMO_VENDOR,
  FIRST_NAMES,
  LAST_NAMES,
  SEASONAL_CODE,
  TAX_RATES,
  VIP_CODE,
  WELCOME_CODE,
  type DemoProduct,
} from "./catalogue";
import { productPayload } from "./payloads";
import { seededRandom, type Random } from "./random";
import type { Emitted, NewLine, NewOrder, OrderLineInput, SandboxStore } from "./store";
import { fromUnixSeconds, toUnixSeconds } from "./time";

export type SeedOptions = { seed: number; customers: number; months: number; endAt: Date };

const SeedOptions = z.strictObject({
  seed: z.int(),
  customers: z.int().nonnegative().max(20_000),
  months: z.int().positive().max(120),
  endAt: z.date().refine((date) => !Number.isNaN(date.getTime()), "endAt is not a valid date"),
});

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/**
 * A twelfth of a 365-day year, so 12 months is exactly the 365 days the sandbox runtime
 * treats as the program's history (../runtime.server.ts): no seeded order predates it.
 */
const MONTH = (365 * DAY) / 12;

/** Shares of the mix, per order unless said otherwise. */
const MIX = {
  guestShare: 0.1,
  pending: 0.07,
  /** Of pending orders: paid later (the rest are voided). */
  pendingPaid: 0.85,
  cancelWithRefund: 0.03,
  /** Of orders with two or more units (about half of them): one unit refunded. */
  partialRefund: 0.16,
  edit: 0.025,
  test: 0.006,
  /** Of guest orders: later attached to a customer account. */
  guestClaimed: 0.04,
  /** Of customers: a later change to their contact details. */
  customerUpdate: 0.06,
};

type Person = {
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly phone: string | null;
  readonly signupAt: number;
  readonly taxPercent: number;
  readonly vip: boolean;
  readonly orders: number;
  /** The store's id, once the signup has run. */
  id: string | null;
};

type Action = { readonly at: number; readonly run: () => Emitted[] };

type Plan = {
  readonly store: SandboxStore;
  readonly random: Random;
  readonly start: number;
  readonly end: number;
  readonly actions: Action[];
  guests: number;
};

/** Generates and applies the demo history; returns every webhook, in chronological order. */
export function seedDemoHistory(store: SandboxStore, options: SeedOptions): Emitted[] {
  const { seed, customers, months, endAt } = SeedOptions.parse(options);
  const end = toUnixSeconds(endAt);
  const plan: Plan = { store, random: seededRandom(seed), start: end - months * MONTH, end, actions: [], guests: 0 };
  // Numbering continues after any customers already in the store, so emails stay unique.
  const offset = store.customers().length;
  // The catalogue first, as a shop's products exist before anyone buys them.
  schedule(plan, plan.start, () => DEMO_PRODUCTS.map((product) => ({ topic: "products/create" as const, payload: productPayload(product, DEMO_VENDOR, plan.start), at: fromUnixSeconds(plan.start) })));
  const people = Array.from({ length: customers }, (_, index) => planPerson(plan, offset + index));
  people.sort((a, b) => a.signupAt - b.signupAt);
  let customerOrders = 0;
  for (const person of people) {
    planSignup(plan, person);
    customerOrders += planCustomerOrders(plan, person);
  }
  const guestOrders = Math.round((customerOrders * MIX.guestShare) / (1 - MIX.guestShare));
  for (let index = 0; index < guestOrders; index++) planGuestOrder(plan, people);
  return runPlan(plan);
}

function runPlan(plan: Plan): Emitted[] {
  // A stable sort: actions at the same second keep the order they were planned in.
  const ordered = [...plan.actions].sort((a, b) => a.at - b.at);
  return ordered.flatMap((action) => action.run());
}

function schedule(plan: Plan, at: number, run: () => Emitted[]): boolean {
  if (at > plan.end) return false;
  plan.actions.push({ at, run });
  return true;
}

// ── People ─────────────────────────────────────────────────────────────────

function planPerson(plan: Plan, number: number): Person {
  const { random, start, end } = plan;
  const firstName = random.pick(FIRST_NAMES);
  const lastName = random.pick(LAST_NAMES);
  // A fifth joined at launch (an imported list); the rest trickle in over the window.
  const signupAt = random.chance(0.2) ? random.int(start + HOUR, start + 14 * DAY) : random.int(start + HOUR, end - DAY);
  const kind = random.weighted<number | "vip">([[8, 0], [24, 1], [20, 2], [16, 3], [12, 4], [9, 5], [6, 6], [5, "vip"]]);
  const wanted = kind === "vip" ? random.int(7, 14) : kind;
  return {
    firstName,
    lastName,
    email: `${asciiLower(firstName)}.${asciiLower(lastName)}.${number + 1}@example.com`,
    phone: random.chance(0.6) ? demoPhone(1_000_000 + number) : null,
    signupAt,
    taxPercent: random.pick(TAX_RATES),
    vip: kind === "vip",
    // Someone who joins late has less time to come back.
    orders: Math.min(wanted, 1 + Math.floor((end - signupAt) / (15 * DAY))),
    id: null,
  };
}

function planSignup(plan: Plan, person: Person): void {
  schedule(plan, person.signupAt, () => {
    const { firstName, lastName, email, phone } = person;
    const created = plan.store.createCustomer({ firstName, lastName, email, phone }, fromUnixSeconds(person.signupAt));
    person.id = created.customerId;
    return created.emitted;
  });
  if (!plan.random.chance(MIX.customerUpdate)) return;
  const at = person.signupAt + plan.random.int(DAY, 120 * DAY);
  const patch = person.phone === null ? { phone: demoPhone(2_000_000 + plan.random.int(0, 999_999)) } : { lastName: plan.random.pick(LAST_NAMES) };
  schedule(plan, at, () => plan.store.updateCustomer(idOf(person), patch, fromUnixSeconds(at)).emitted);
}

const idOf = (person: Person): string => {
  if (person.id === null) throw new Error(`${person.email} is used before signing up`);
  return person.id;
};

const asciiLower = (name: string) => name.normalize("NFD").replace(/[^A-Za-z]/g, "").toLowerCase();
/** E.164 numbers in the 555 range, unique per index. */
const demoPhone = (index: number) => `+1555${String(index).padStart(7, "0")}`;

// ── Orders ─────────────────────────────────────────────────────────────────

function planCustomerOrders(plan: Plan, person: Person): number {
  const { random, end } = plan;
  if (person.orders === 0) return 0;
  const last = end - MINUTE;
  // Most first orders follow the signup within days; repeat orders spread over what is left.
  const first = Math.min(last, person.signupAt + (random.chance(0.6) ? random.int(10 * MINUTE, 3 * DAY) : random.int(10 * MINUTE, 60 * DAY)));
  const repeats = Array.from({ length: person.orders - 1 }, () => random.int(first + HOUR, Math.max(first + HOUR, last)));
  const times = [first, ...repeats.sort((a, b) => a - b)].filter((at) => at <= last);
  times.forEach((at, index) => planOrder(plan, at, person, index === 0));
  return times.length;
}

function planGuestOrder(plan: Plan, people: readonly Person[]): void {
  const at = plan.random.int(plan.start + HOUR, plan.end - MINUTE);
  const order = planOrder(plan, at, null, false);
  if (!plan.random.chance(MIX.guestClaimed)) return;
  const claimAt = at + plan.random.int(DAY, 5 * DAY);
  const candidates = people.filter((person) => person.signupAt < claimAt);
  if (candidates.length === 0) return;
  const owner = plan.random.pick(candidates);
  schedule(plan, claimAt, () => {
    // The order may have been cancelled meanwhile; Shopify would not let it change hands then.
    if (plan.store.order(order.id())?.cancelledAt !== null) return [];
    return plan.store.changeOrderCustomer(order.id(), idOf(owner), fromUnixSeconds(claimAt)).emitted;
  });
}

type OrderHandle = { id: () => string };

/** Plans one order: its placement and whatever happens to it afterwards. */
function planOrder(plan: Plan, at: number, owner: Person | null, firstOrder: boolean): OrderHandle {
  const { random, store } = plan;
  const input = planOrderInput(plan, owner, firstOrder);
  let orderId: string | null = null;
  const handle: OrderHandle = { id: () => orderId ?? failUnplaced() };
  schedule(plan, at, () => {
    const placed = store.placeOrder({ ...input, customerId: owner ? idOf(owner) : null }, fromUnixSeconds(at));
    orderId = placed.orderId;
    return placed.emitted;
  });
  if (random.chance(MIX.edit)) planEdit(plan, handle, at + random.int(5 * MINUTE, 45 * MINUTE));
  let settledAt = at;
  if (!input.paid) {
    if (!random.chance(MIX.pendingPaid)) {
      const voidAt = at + random.int(2 * DAY, 5 * DAY);
      schedule(plan, voidAt, () => store.cancelOrder(handle.id(), fromUnixSeconds(voidAt), { refund: false }).emitted);
      return handle;
    }
    settledAt = at + random.int(HOUR, 48 * HOUR);
    if (!schedule(plan, settledAt, () => store.payOrder(handle.id(), fromUnixSeconds(settledAt)).emitted)) return handle;
  }
  planAftermath(plan, handle, settledAt, input);
  return handle;
}

const failUnplaced = (): never => {
  throw new Error("an order's follow-up ran before the order was placed");
};

function planOrderInput(plan: Plan, owner: Person | null, firstOrder: boolean): Omit<NewOrder, "customerId"> {
  const { random, store } = plan;
  const currency = store.currency;
  const lines = pickLines(random, currency);
  const hasGoods = lines.some((line) => !line.giftCard);
  const listCents = lines.reduce((sum, line) => sum + cents(line) * line.quantity, 0);
  const discountCode = !hasGoods ? undefined
    : firstOrder && random.chance(0.3) ? WELCOME_CODE
    : owner?.vip && random.chance(0.25) ? VIP_CODE
    : random.chance(0.05) ? SEASONAL_CODE : undefined;
  plan.guests += owner ? 0 : 1;
  return {
    email: owner ? undefined : `guest${plan.guests}@example.net`,
    lines,
    paid: !random.chance(MIX.pending),
    test: random.chance(MIX.test),
    discountCode: discountCode ? { ...discountCode } : undefined,
    // Gift cards need no shipping; goods ship free from 75.00.
    shippingPrice: hasGoods ? demoPrice(listCents >= 7500 ? 0 : 695, currency) : undefined,
    taxRatePercent: owner?.taxPercent ?? random.pick(TAX_RATES),
  };
}

/** After payment: nothing (most orders), one unit refunded, or a cancellation with a refund. */
function planAftermath(plan: Plan, order: OrderHandle, paidAt: number, input: Omit<NewOrder, "customerId">): void {
  const { random, store } = plan;
  const units = input.lines.reduce((sum, line) => sum + (line.giftCard ? 0 : line.quantity), 0);
  if (random.chance(MIX.cancelWithRefund)) {
    const cancelAt = paidAt + random.int(HOUR, 3 * DAY);
    schedule(plan, cancelAt, () => store.cancelOrder(order.id(), fromUnixSeconds(cancelAt), { refund: true }).emitted);
  } else if (units >= 2 && random.chance(MIX.partialRefund)) {
    const refundAt = paidAt + random.int(3 * DAY, 30 * DAY);
    const pick = random.int(0, 99);
    const shipped = input.shippingPrice !== undefined && input.shippingPrice !== demoPrice(0, store.currency);
    const refundShipping = shipped && random.chance(0.2);
    schedule(plan, refundAt, () => refundOneUnit(store, order.id(), pick, refundShipping, refundAt));
  }
}

/** Refunds one unit of a goods line that has some left, unless that would empty the order. */
function refundOneUnit(store: SandboxStore, orderId: string, pick: number, refundShipping: boolean, at: number): Emitted[] {
  const lines = store.order(orderId)?.lines.filter((line) => !line.giftCard && line.currentQuantity > 0) ?? [];
  const unitsLeft = lines.reduce((sum, line) => sum + line.currentQuantity, 0);
  const line = lines[pick % Math.max(1, lines.length)];
  if (!line || unitsLeft < 2) return [];
  return store.refundLines(orderId, [{ lineItemId: line.lineItemId, quantity: 1 }], fromUnixSeconds(at), { refundShipping, note: "Customer return" }).emitted;
}

/** Soon after checkout: one unit taken off a line that has several, or one item added. */
function planEdit(plan: Plan, order: OrderHandle, at: number): void {
  const { random, store } = plan;
  const addition = pickProduct(random, { giftCards: false });
  schedule(plan, at, () => {
    const shrinkable = store.order(order.id())?.lines.find((line) => !line.giftCard && line.currentQuantity >= 2);
    const edit = shrinkable
      ? { removeUnits: [{ lineItemId: shrinkable.lineItemId, quantity: 1 }] }
      : { add: [productLine(addition, 1, store.currency)] };
    return store.editOrder(order.id(), edit, fromUnixSeconds(at)).emitted;
  });
}

// ── Catalogue ──────────────────────────────────────────────────────────────

function pickLines(random: Random, currency: string): OrderLineInput[] {
  const count = random.weighted([[55, 1], [28, 2], [12, 3], [5, 4]]);
  const products = new Map<string, DemoProduct>();
  for (let attempt = 0; products.size < count && attempt < 20; attempt++) {
    const product = pickProduct(random, { giftCards: true });
    products.set(product.productId, product);
  }
  return [...products.values()].map((product) => ({
    ...productLine(product, product.giftCard ? 1 : random.weighted([[80, 1], [15, 2], [5, 3]]), currency),
    giftCard: product.giftCard,
  }));
}

function pickProduct(random: Random, options: { giftCards: boolean }): DemoProduct {
  const choices = DEMO_PRODUCTS.filter((product) => options.giftCards || !product.giftCard);
  return random.weighted(choices.map((product) => [product.popularity, product] as const));
}

function productLine(product: DemoProduct, quantity: number, currency: string): NewLine {
  return { productId: product.productId, title: product.title, sku: product.sku, vendor: DEMO_VENDOR, unitPrice: demoPrice(product.priceCents, currency), quantity };
}

const cents = (line: OrderLineInput) => DEMO_PRODUCTS.find((product) => product.productId === line.productId)?.priceCents ?? 0;

/**
 * A catalogue price (cents of a two-decimal currency) in the shop's currency: the same
 * figure in major units where the currency has cents or finer ("28.00" USD, "28.000" KWD),
 * and in whole units where it has none (2800 JPY), so prices stay plausible and exact.
 */
export function demoPrice(priceCents: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const minor = exponent >= 2 ? priceCents * 10 ** (exponent - 2) : priceCents;
  return formatDecimal(money(minor, currency));
}
