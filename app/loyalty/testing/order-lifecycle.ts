/**
 * Test support: a small, independent model of a Shopify order's life (created pending or
 * paid, paid later, edited, partially refunded, cancelled, given to another customer),
 * producing the snapshots and refunds Shopify's webhooks would carry, and the points the
 * default program should end on, computed from the model's own arithmetic.
 */
import { floorDiv, type OrderLine, type OrderSnapshot, type RefundFact } from "../orders/order-state";

export type ModelLine = { id: string; unitPriceMinor: number; quantity: number; refunded: number; removed: number; giftCard: boolean; discountMinor: number };

export type Step =
  | { kind: "pay" }
  | { kind: "edit"; line: number; addUnits: number }
  | { kind: "add_line"; unitPriceMinor: number; quantity: number; giftCard: boolean }
  | { kind: "refund"; line: number; units: number }
  | { kind: "cancel" }
  | { kind: "change_customer"; customerId: string | null };

export type LifecycleSpec = {
  orderId: string;
  customerId: string | null;
  test: boolean;
  paidAtCreation: boolean;
  lines: Array<{ unitPriceMinor: number; quantity: number; giftCard: boolean; discountMinor: number }>;
  steps: Step[];
  start: Date;
};

/** What a webhook carries: an order payload at some moment, or a refund. */
export type DeliveredEvent =
  | { kind: "order"; topic: string; snapshot: OrderSnapshot; refunds: RefundFact[] }
  | { kind: "refund"; topic: "refunds/create"; refund: RefundFact };

export type Lifecycle = { events: DeliveredEvent[]; final: OrderSnapshot; refunds: RefundFact[] };

const current = (line: ModelLine) => line.quantity - line.refunded - line.removed;
const lineValue = (line: ModelLine, units: number) =>
  line.unitPriceMinor * units - floorDiv(line.discountMinor * units, line.quantity);

export function runLifecycle(spec: LifecycleSpec): Lifecycle {
  const lines: ModelLine[] = spec.lines.map((line, index) => ({ id: `${spec.orderId}/line/${index}`, refunded: 0, removed: 0, ...line }));
  let status = spec.paidAtCreation ? "paid" : "pending";
  let cancelledAt: Date | null = null;
  let customerId = spec.customerId;
  const refunds: RefundFact[] = [];
  const events: DeliveredEvent[] = [];
  let clock = spec.start.getTime();
  const tick = () => new Date((clock += 1000));

  const snapshot = (updatedAt: Date): OrderSnapshot => {
    const orderLines: OrderLine[] = lines.map((line) => ({
      lineItemId: line.id,
      productId: null,
      quantity: line.quantity,
      currentQuantity: current(line),
      giftCard: line.giftCard,
      unitPriceMinor: line.unitPriceMinor,
      discountMinor: line.discountMinor,
    }));
    const subtotalMinor = lines.reduce((sum, line) => sum + lineValue(line, current(line)), 0);
    return {
      orderId: spec.orderId, name: null, customerId, test: spec.test, financialStatus: status, cancelledAt,
      createdAt: spec.start, processedAt: spec.start, updatedAt, currency: "USD", subtotalMinor,
      totalMinor: subtotalMinor, discountsMinor: 0, shippingMinor: 0, taxMinor: 0, taxesIncluded: false, includedRefundIds: refunds.map((refund) => refund.refundId),
      lines: orderLines, discountCodes: [], sourceName: "web",
    };
  };
  const emitOrder = (...topics: string[]) => {
    const state = snapshot(tick());
    for (const topic of topics) events.push({ kind: "order", topic, snapshot: state, refunds: [...refunds] });
  };
  const refundUnits = (line: ModelLine, units: number) => {
    const before = lineValue(line, current(line));
    line.refunded += units;
    const amount = before - lineValue(line, current(line));
    const refund: RefundFact = {
      refundId: `${spec.orderId}/refund/${refunds.length}`, orderId: spec.orderId, processedAt: new Date(clock),
      currency: "USD", lineSubtotalMinor: line.giftCard ? 0 : amount, giftCardMinor: line.giftCard ? amount : 0,
      lineItems: [{ lineItemId: line.id, quantity: units, subtotalMinor: amount, giftCard: line.giftCard }],
    };
    refunds.push(refund);
    events.push({ kind: "refund", topic: "refunds/create", refund });
  };

  emitOrder(...(spec.paidAtCreation ? ["orders/create", "orders/paid"] : ["orders/create"]));
  for (const step of spec.steps) {
    if (cancelledAt) break;
    switch (step.kind) {
      case "pay":
        if (status !== "pending") continue;
        status = "paid";
        emitOrder("orders/paid", "orders/updated");
        break;
      case "edit": {
        const line = lines[step.line % lines.length];
        if (!line || line.giftCard) continue;
        if (step.addUnits > 0) {
          // Shopify adds units as a new line item in an edit; model it as such.
          lines.push({ id: `${spec.orderId}/line/${lines.length}`, unitPriceMinor: line.unitPriceMinor, quantity: step.addUnits, refunded: 0, removed: 0, giftCard: false, discountMinor: 0 });
        } else if (current(line) > 0) {
          line.removed += 1;
        } else continue;
        emitOrder("orders/updated");
        break;
      }
      case "add_line":
        lines.push({ id: `${spec.orderId}/line/${lines.length}`, unitPriceMinor: step.unitPriceMinor, quantity: step.quantity, refunded: 0, removed: 0, giftCard: step.giftCard, discountMinor: 0 });
        emitOrder("orders/updated");
        break;
      case "refund": {
        const line = lines[step.line % lines.length];
        if (!line || (status !== "paid" && status !== "partially_refunded")) continue;
        const units = Math.min(step.units, current(line));
        if (units <= 0) continue;
        refundUnits(line, units);
        status = lines.every((candidate) => current(candidate) === 0) ? "refunded" : "partially_refunded";
        emitOrder("orders/updated");
        break;
      }
      case "cancel":
        if (status === "paid" || status === "partially_refunded") {
          for (const line of lines) if (current(line) > 0) refundUnits(line, current(line));
          status = "refunded";
        } else if (status === "pending") {
          status = "voided";
        }
        cancelledAt = new Date(clock + 1000);
        emitOrder("orders/cancelled", "orders/updated");
        break;
      case "change_customer":
        customerId = step.customerId;
        emitOrder("orders/updated");
        break;
    }
  }
  const last = events.filter((event): event is Extract<DeliveredEvent, { kind: "order" }> => event.kind === "order").at(-1);
  if (!last) throw new Error("a lifecycle always emits its creation");
  return { events, final: last.snapshot, refunds };
}

/** The default program's answer for the model's final state, from the model's own numbers. */
export function expectedPoints(lifecycle: Lifecycle, countTestOrders: boolean): { customerId: string | null; points: number } {
  const order = lifecycle.final;
  const paid = order.financialStatus === "paid" || order.financialStatus === "partially_refunded" || order.financialStatus === "refunded";
  if (!order.customerId || order.cancelledAt || !paid || (order.test && !countTestOrders)) {
    return { customerId: order.customerId, points: 0 };
  }
  const eligible = order.lines
    .filter((line) => !line.giftCard)
    .reduce((sum, line) => sum + line.unitPriceMinor * line.currentQuantity - floorDiv(line.discountMinor * line.currentQuantity, line.quantity), 0);
  return { customerId: order.customerId, points: floorDiv(eligible, 100) };
}
