import { z } from "zod";
import type { DeliveryResult } from "./delivery.server";
import type { SandboxRuntime } from "./runtime.server";
import { sandboxCheckout } from "./simulated-checkout.server";
import { DEMO_PRODUCTS } from "./store/catalogue";
import { fieldMessages, readableIssues } from "./store/readable-issues";
import { SandboxStoreError, type SandboxStore } from "./store/store";

const product = (productId: string) => {
  const found = DEMO_PRODUCTS.find((candidate) => candidate.productId === productId);
  if (!found) throw new SandboxStoreError("invalid_input", `unknown product ${productId}`);
  return { productId: found.productId, title: found.title, unitPrice: (found.priceCents / 100).toFixed(2), giftCard: found.giftCard };
};

const Quantity = z.coerce.number("Enter a quantity from 1 to 100.").int("Enter a whole quantity from 1 to 100.").min(1, "Enter a quantity from 1 to 100.").max(100, "Enter a quantity from 1 to 100.");
const Flag = z.union([z.boolean(), z.enum(["on", "true", "false", ""])]).transform((value) => value === true || value === "on" || value === "true");

/** What a person (the store page) or a script (POST /sandbox/api) can do to the simulated store. */
export const StoreCommand = z.discriminatedUnion("command", [
  z.object({
    command: z.literal("create-customer"),
    firstName: z.string("Enter a first name.").trim().min(1, "Enter a first name."),
    lastName: z.string("Enter a last name.").trim().min(1, "Enter a last name."),
    email: z.email("Enter an email address such as salma@example.com."),
  }),
  z.object({
    command: z.literal("place-order"),
    customerId: z.string().trim().transform((value) => (value === "" || value === "guest" ? null : value)),
    productId: z.string(),
    quantity: Quantity,
    paid: Flag,
    test: Flag.optional(),
    discountCode: z.enum(["", "WELCOME10", "SUMMER15"]).optional(),
    /** The shipping rate ("6.95"), if the order ships: a free-shipping reward needs something to discount. */
    shippingPrice: z.string().trim().regex(/^(\d+(\.\d+)?)?$/, "expected a decimal amount such as 6.95").optional(),
  }),
  z.object({ command: z.literal("pay"), orderId: z.string().min(1) }),
  z.object({ command: z.literal("refund"), orderId: z.string().min(1), lineItemId: z.string().min(1), quantity: Quantity }),
  z.object({ command: z.literal("cancel"), orderId: z.string().min(1), refund: Flag }),
  z.object({ command: z.literal("edit-add"), orderId: z.string().min(1), productId: z.string(), quantity: Quantity }),
  z.object({ command: z.literal("edit-remove"), orderId: z.string().min(1), lineItemId: z.string().min(1), quantity: Quantity }),
  z.object({ command: z.literal("change-customer"), orderId: z.string().min(1), customerId: z.string().trim() }),
]);
export type StoreCommand = z.infer<typeof StoreCommand>;

const DISCOUNTS = { WELCOME10: 10, SUMMER15: 15 } as const;

function apply(store: SandboxStore, command: StoreCommand, at: Date) {
  switch (command.command) {
    case "create-customer":
      return store.createCustomer({ firstName: command.firstName, lastName: command.lastName, email: command.email }, at);
    case "place-order": {
      const line = product(command.productId);
      return store.placeOrder(
        {
          customerId: command.customerId,
          lines: [{ ...line, quantity: command.quantity }],
          paid: command.paid,
          ...(command.test ? { test: true } : {}),
          ...(command.discountCode ? { discountCode: { code: command.discountCode, percent: DISCOUNTS[command.discountCode] } } : {}),
          ...(command.shippingPrice ? { shippingPrice: command.shippingPrice } : {}),
        },
        at,
        // Checkout runs the shop's discount Functions, as Shopify's does: a member's reserved reward applies.
        sandboxCheckout(store.shopDomain, at),
      );
    }
    case "pay":
      return store.payOrder(command.orderId, at);
    case "refund":
      return store.refundLines(command.orderId, [{ lineItemId: command.lineItemId, quantity: command.quantity }], at);
    case "cancel":
      return store.cancelOrder(command.orderId, at, { refund: command.refund });
    case "edit-add": {
      const { giftCard: _giftCard, ...line } = product(command.productId);
      return store.editOrder(command.orderId, { add: [{ ...line, quantity: command.quantity }] }, at);
    }
    case "edit-remove":
      return store.editOrder(command.orderId, { removeUnits: [{ lineItemId: command.lineItemId, quantity: command.quantity }] }, at);
    case "change-customer":
      return store.changeOrderCustomer(command.orderId, command.customerId === "" || command.customerId === "guest" ? null : command.customerId, at);
  }
}

/** A created order or customer's id comes back too, so a script can act on it next. */
export type CommandResult =
  | { readonly ok: true; readonly deliveries: readonly DeliveryResult[]; readonly orderId?: string; readonly customerId?: string }
  | { readonly ok: false; readonly error: string; readonly fields?: Readonly<Record<string, string>> };

/**
 * Validates a command, applies it to the store and delivers the webhooks it emits, signed,
 * to the app. A refused command (invalid input, an impossible operation) changes nothing.
 */
export async function runStoreCommand(runtime: SandboxRuntime, input: unknown, at = new Date()): Promise<CommandResult> {
  const parsed = StoreCommand.safeParse(input);
  if (!parsed.success) return { ok: false, error: readableIssues(parsed.error), fields: fieldMessages(parsed.error) };
  try {
    const result = await runtime.perform((store) => apply(store, parsed.data, at));
    const orderId = "orderId" in result && typeof result.orderId === "string" ? { orderId: result.orderId } : {};
    const customerId = "customerId" in result && typeof result.customerId === "string" ? { customerId: result.customerId } : {};
    return { ok: true, deliveries: result.deliveries, ...orderId, ...customerId };
  } catch (error) {
    if (error instanceof SandboxStoreError) return { ok: false, error: error.message };
    throw error;
  }
}
