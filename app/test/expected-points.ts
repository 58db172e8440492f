// The default program's answer for an order, computed straight from Shopify's final order
// payload (not through Wafa's core): 1 point per 1.00 of the current subtotal without
// gift-card lines, when paid, not cancelled, with a customer, and a test order only where
// test orders count.
import { z } from "zod";

const Amount = z.object({ shop_money: z.object({ amount: z.string() }) });
const FinalOrder = z.object({
  financial_status: z.string().nullable(),
  cancelled_at: z.string().nullable(),
  test: z.boolean(),
  customer: z.object({ admin_graphql_api_id: z.string() }).nullable(),
  current_subtotal_price_set: Amount,
  line_items: z.array(z.object({ gift_card: z.boolean(), price_set: Amount, current_quantity: z.number() })),
});

const cents = (amount: string) => {
  const [whole = "0", fraction = ""] = amount.split(".");
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0").slice(0, 2));
};

export function expectedPointsFromPayload(payload: unknown, countTestOrders: boolean): { customerGid: string | null; points: number } {
  const order = FinalOrder.parse(payload);
  const customerGid = order.customer?.admin_graphql_api_id ?? null;
  const paid = ["paid", "partially_refunded", "refunded"].includes(order.financial_status ?? "");
  if (!customerGid || order.cancelled_at || !paid || (order.test && !countTestOrders)) return { customerGid, points: 0 };
  const giftCards = order.line_items.filter((line) => line.gift_card).reduce((sum, line) => sum + cents(line.price_set.shop_money.amount) * line.current_quantity, 0);
  return { customerGid, points: Math.floor((cents(order.current_subtotal_price_set.shop_money.amount) - giftCards) / 100) };
}
