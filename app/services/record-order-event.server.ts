import type { AppDatabase, Tx } from "../db/database.server";
import { inTransaction } from "../db/transaction.server";
import { shopTimeZone } from "../loyalty/calendar/calendar";
import { anyCrossOrderRules, customerOrderPoints } from "../loyalty/earning/customer-orders";
import { accrualTargetFor, orderAccrualJournals, planOrderEvent, type OrderEvent, type OrderEventPlan } from "../loyalty/earning/order-events";
import type { Journal } from "../loyalty/ledger/ledger";
import { signupBonus } from "../loyalty/members/signup-bonus";
import { refundProblem, snapshotProblem } from "../loyalty/orders/fact-problems";
import { giftCardValueMinor, type OrderSnapshot } from "../loyalty/orders/order-state";
import { currentProgramVersion, type ProgramVersion } from "../loyalty/program/program";
import { earnMultiplierPercent } from "../loyalty/tiers/tier-perks";
import { applyOrderStatsDelta, enrollCustomer, upsertCustomer, type CustomerRef } from "../repositories/customers.server";
import { appendJournals, orderAccrual, ordersAccrual, type OrderAccrual } from "../repositories/ledger.server";
import {
  insertRefunds,
  listCustomerOrders,
  lockCustomer,
  lockOrder,
  saveOrder,
  setOrderPoints,
  type RefundRecord,
  type StoredOrder,
} from "../repositories/orders.server";
import { productTags } from "../repositories/products.server";
import { listProgramVersions } from "../repositories/program-versions.server";
import { findShop, isInstalled, type ShopRecord } from "../repositories/shops.server";
import type { OrderFacts } from "../shopify/payloads/order";
import { refundRecord, type RefundPayload } from "../shopify/payloads/refund";
import { toGid } from "../shopify/payloads/common";
import { evaluateMemberTier } from "./evaluate-member-tier.server";
import { readOrderBook } from "./order-book.server";

export type OrderWebhook =
  | { readonly kind: "order"; readonly facts: OrderFacts }
  | { readonly kind: "refund"; readonly refund: RefundPayload };

export type RecordOrderEventResult =
  | { readonly status: "shop_not_installed" }
  /** Valid for Shopify's schema but not for this shop (another currency): parked by the caller. */
  | { readonly status: "invalid_input"; readonly reason: string }
  | { readonly status: "recorded"; readonly journals: number; readonly points: number | null };

type Meta = { readonly topic: string; readonly receivedAt: Date };

/**
 * orders/create, orders/paid, orders/updated, orders/cancelled and refunds/create: store
 * what the webhook says about the order and reconcile the ledger to the points its latest
 * state deserves, in one transaction. Idempotent and order-independent: see the core's
 * planOrderEvent and customerOrderPoints.
 */
export async function recordOrderEvent(database: AppDatabase, shopDomain: string, webhook: OrderWebhook, meta: Meta): Promise<RecordOrderEventResult> {
  const orderGid = webhook.kind === "order" ? webhook.facts.snapshot.orderId : toGid("Order", webhook.refund.order_id);
  return inTransaction(database, async (tx) => {
    const shop = await findShop(tx, shopDomain);
    if (!isInstalled(shop)) return { status: "shop_not_installed" } as const;
    // Checked against the shop before anything is written: parked by the caller, never stored.
    const problem = incomingProblem(webhook, shop);
    if (problem) return { status: "invalid_input", reason: problem } as const;
    await lockOrder(tx, database.kind, shop.id, orderGid);
    const customer = webhook.kind === "order" && webhook.facts.customer ? await upsertCustomer(tx, shop.id, webhook.facts.customer, meta.receivedAt) : null;
    const [{ stored, snapshot: storedSnapshot, refunds }, accrual, versions] = await Promise.all([
      readOrderBook(tx, shop, orderGid, meta),
      orderAccrual(tx, shop.id, orderGid),
      listProgramVersions(tx, shop.id),
    ]);
    const event = toOrderEvent(webhook, customer, shop);
    const context = await planningContext(tx, shop, versions, stored, event, customer, meta.receivedAt);
    const plan = planOrderEvent(
      {
        snapshot: storedSnapshot,
        ...(stored && storedSnapshot ? { storedVersion: stored.version } : {}),
        refunds,
        paidAt: stored?.paidAt ?? null,
        multiplierPercent: stored?.multiplierPercent ?? null,
      },
      event,
      { programVersions: versions, countTestOrders: shop.countTestOrders, currentMultiplierPercent: context.multiplierPercent, lineTags: context.lineTags },
    );
    await insertRefunds(tx, shop.id, plan.refundsToStore, meta.receivedAt);
    if (!plan.snapshot || !plan.earning) return { status: "recorded", journals: 0, points: null } as const;

    const writer = new OrderLedgerWriter(tx, database, shop, versions, meta);
    const customerRowId = plan.snapshotToStore ? (customer?.id ?? null) : (stored?.customerRowId ?? null);
    writer.noteCustomers(accrual, plan.snapshot.customerId, customerRowId);
    await writer.recordOrder(plan, stored, customerRowId, accrual, context.lineTags);
    if (customer && customerRowId === customer.id) await writer.enrol(plan, customer);
    const written = await writer.flush();
    if (customerRowId !== null && plan.snapshot.customerId) await evaluateMemberTier(tx, shop, versions, customerRowId, meta.receivedAt, `webhook:${meta.topic}`);
    return { status: "recorded", journals: written, points: plan.earning.points } as const;
  });
}

/** Why the webhook's facts cannot join the order's book in this shop (its currency is the shop's), or null. */
function incomingProblem(webhook: OrderWebhook, shop: ShopRecord): string | null {
  if (webhook.kind === "refund") return refundProblem(refundRecord(webhook.refund, shop.currencyCode), shop.currencyCode);
  const refunds = webhook.facts.refunds.map((refund) => refundProblem(refund, shop.currencyCode));
  return snapshotProblem(webhook.facts.snapshot, shop.currencyCode) ?? refunds.find((problem) => problem !== null) ?? null;
}

function toOrderEvent(webhook: OrderWebhook, customer: CustomerRef | null, shop: ShopRecord): OrderEvent<RefundRecord> {
  if (webhook.kind === "refund") return { kind: "refund", refund: refundRecord(webhook.refund, shop.currencyCode) };
  // A redacted customer is known by their tombstone key from here on.
  const snapshot: OrderSnapshot = customer ? { ...webhook.facts.snapshot, customerId: customer.key } : webhook.facts.snapshot;
  return { kind: "order", snapshot, refunds: webhook.facts.refunds };
}

/**
 * What the plan needs beyond the order: the customer's tier multiplier now (frozen on the
 * order the first time it is seen paid) and its lines' product tags (looked up only when
 * some program version excludes tags, and frozen per line when first seen).
 */
async function planningContext(
  tx: Tx,
  shop: ShopRecord,
  versions: readonly ProgramVersion[],
  stored: StoredOrder | null,
  event: OrderEvent,
  customer: CustomerRef | null,
  now: Date,
) {
  const current = currentProgramVersion(versions, now);
  const multiplierPercent = current ? earnMultiplierPercent(current.rules.tiers, customer?.tierId ?? null) : 100;
  const lineTags = new Map(stored?.lineTags ?? []);
  const excludesTags = versions.some((version) => version.rules.earning.spend.base.excludedProductTags.length > 0);
  if (excludesTags && event.kind === "order") {
    const unseen = event.snapshot.lines.filter((line) => !lineTags.has(line.lineItemId));
    const products = [...new Set(unseen.flatMap((line) => (line.productId ? [line.productId] : [])))];
    const tags = await productTags(tx, shop.id, products);
    for (const line of unseen) lineTags.set(line.lineItemId, (line.productId && tags.get(line.productId)) || []);
  }
  return { multiplierPercent, lineTags };
}

/** Collects the journals and row updates of one order event, then writes them together. */
class OrderLedgerWriter {
  private readonly journals: Journal[] = [];
  private readonly onceOnly: Journal[] = [];
  private readonly customerIds = new Map<string, number>();
  private readonly timeZone: string;

  constructor(
    private readonly tx: Tx,
    private readonly database: AppDatabase,
    private readonly shop: ShopRecord,
    private readonly versions: readonly ProgramVersion[],
    private readonly meta: Meta,
  ) {
    this.timeZone = shopTimeZone(shop.ianaTimezone);
  }

  private get actor(): string {
    return `webhook:${this.meta.topic}`;
  }

  noteCustomers(accrual: OrderAccrual, customerKey: string | null, customerRowId: number | null): void {
    for (const [key, id] of accrual.customerIds) this.customerIds.set(key, id);
    if (customerKey && customerRowId !== null) this.customerIds.set(customerKey, customerRowId);
  }

  /** The order's row and ledger, and its siblings' when rules span the customer's orders. */
  async recordOrder(plan: OrderEventPlan<RefundRecord>, stored: StoredOrder | null, customerRowId: number | null, accrual: OrderAccrual, lineTags: ReadonlyMap<string, readonly string[]>) {
    const { snapshot, earning } = plan;
    if (!snapshot || !earning) return;
    const now = this.meta.receivedAt;
    const siblings = customerRowId !== null && earning.customerId && anyCrossOrderRules(this.versions) ? await this.siblingsOf(snapshot.orderId, customerRowId) : null;
    const points = siblings
      ? (customerOrderPoints([...siblings, { orderId: snapshot.orderId, processedAt: snapshot.processedAt ?? snapshot.createdAt, ...earning }], this.versions, this.timeZone).get(snapshot.orderId) ?? 0)
      : earning.points;
    const target = accrualTargetFor(earning, points, plan.paidAt, this.versions);
    const pendingUntil = target.maturesAt && now.getTime() < target.maturesAt.getTime() ? target.maturesAt : null;
    await saveOrder(
      this.tx,
      this.shop.id,
      stored?.id ?? null,
      plan.snapshotToStore && plan.snapshotRank ? { snapshot: plan.snapshotToStore, rank: plan.snapshotRank, giftCardMinor: giftCardValueMinor(plan.snapshotToStore.lines) } : null,
      { customerRowId, paidAt: plan.paidAt, multiplierPercent: plan.multiplierPercent, lineTags, earning, points, pendingUntil },
      now,
    );
    await this.moveOrderStats(stored, customerRowId, earning.qualifies, earning.netSpendMinor, snapshot);
    // Dated by the order's business date, not by the delivery (docs/decisions/0021-ledger-dates.md).
    const occurredAt = plan.businessAt ?? now;
    this.journals.push(...orderAccrualJournals({ orderId: snapshot.orderId, current: accrual.byCustomer, journalCount: accrual.journalCount }, target, { now, occurredAt, actor: this.actor }));
    if (siblings && customerRowId !== null) await this.reconcileSiblings(siblings, snapshot, earning, customerRowId, occurredAt);
  }

  private async siblingsOf(orderGid: string, customerRowId: number) {
    await lockCustomer(this.tx, this.database.kind, this.shop.id, customerRowId);
    return (await listCustomerOrders(this.tx, this.shop.id, customerRowId)).filter((order) => order.orderId !== orderGid);
  }

  /** Caps, limits and every-Nth-order bonuses move with the set of orders: bring each sibling to its new figure. */
  private async reconcileSiblings(
    siblings: Awaited<ReturnType<OrderLedgerWriter["siblingsOf"]>>,
    snapshot: OrderSnapshot,
    earning: NonNullable<OrderEventPlan["earning"]>,
    customerRowId: number,
    occurredAt: Date,
  ) {
    const now = this.meta.receivedAt;
    const all = [...siblings, { orderId: snapshot.orderId, processedAt: snapshot.processedAt ?? snapshot.createdAt, ...earning }];
    const figures = customerOrderPoints(all, this.versions, this.timeZone);
    const changed = siblings.filter((sibling) => (figures.get(sibling.orderId) ?? 0) !== sibling.points);
    if (changed.length === 0) return;
    const accruals = await ordersAccrual(this.tx, this.shop.id, changed.map((sibling) => sibling.orderId));
    for (const sibling of changed) {
      const points = figures.get(sibling.orderId) ?? 0;
      const accrual = accruals.get(sibling.orderId);
      if (!accrual) continue;
      this.noteCustomers(accrual, snapshot.customerId, customerRowId);
      const target = accrualTargetFor({ ...sibling, customerId: snapshot.customerId }, points, sibling.paidAt, this.versions);
      const pendingUntil = target.maturesAt && now.getTime() < target.maturesAt.getTime() ? target.maturesAt : null;
      await setOrderPoints(this.tx, this.shop.id, sibling.orderId, points, pendingUntil, now);
      this.journals.push(...orderAccrualJournals({ orderId: sibling.orderId, current: accrual.byCustomer, journalCount: accrual.journalCount }, target, { now, occurredAt, actor: this.actor }));
    }
  }

  /** Keeps each customer's qualifying order count and net spend in step with the order rows. */
  private async moveOrderStats(stored: StoredOrder | null, customerRowId: number | null, qualifies: boolean, netSpendMinor: number, snapshot: OrderSnapshot) {
    const now = this.meta.receivedAt;
    const placedAt = snapshot.processedAt ?? snapshot.createdAt;
    const before = stored && stored.customerRowId !== null && stored.earning.qualifies ? { id: stored.customerRowId, spend: stored.earning.netSpendMinor } : null;
    const after = customerRowId !== null && qualifies ? { id: customerRowId, spend: netSpendMinor } : null;
    if (before && (!after || before.id !== after.id)) await applyOrderStatsDelta(this.tx, before.id, { orders: -1, spendMinor: -before.spend, placedAt: null }, now);
    if (after) {
      const same = before?.id === after.id;
      await applyOrderStatsDelta(this.tx, after.id, { orders: same ? 0 : 1, spendMinor: after.spend - (same ? (before?.spend ?? 0) : 0), placedAt }, now);
    } else if (customerRowId !== null) {
      await applyOrderStatsDelta(this.tx, customerRowId, { orders: 0, spendMinor: 0, placedAt }, now);
    }
  }

  /** A first paid order makes the customer a member (with the sign-up bonus, once). */
  async enrol(plan: OrderEventPlan<RefundRecord>, customer: CustomerRef) {
    if (!plan.enrollment || customer.redacted) return;
    await enrollCustomer(this.tx, customer.id, plan.enrollment, this.meta.receivedAt);
    if (customer.enrolledAt !== null) return;
    const bonus = signupBonus(customer.key, plan.enrollment, this.versions, this.actor);
    if (bonus) this.onceOnly.push(bonus);
  }

  async flush(): Promise<number> {
    const now = this.meta.receivedAt;
    await appendJournals(this.tx, this.shop.id, this.journals, this.customerIds, now);
    const once = await appendJournals(this.tx, this.shop.id, this.onceOnly, this.customerIds, now, { ifAbsent: true });
    return this.journals.length + once.length;
  }
}
