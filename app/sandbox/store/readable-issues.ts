import type { z } from "zod";

/** The store's form and API fields, as the simulated store's page labels them. */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  firstName: "First name", lastName: "Last name", email: "Email", phone: "Phone", quantity: "Quantity", shippingPrice: "Shipping",
  productId: "Product", customerId: "Customer", orderId: "Order", lineItemId: "Line", discountCode: "Discount code", command: "Command",
};

const fieldOf = (issue: z.core.$ZodIssue) => String(issue.path[0] ?? "");
const labelOf = (field: string) => FIELD_LABELS[field] ?? field;

/**
 * The first problem with each field, keyed by field ("firstName" → "Enter a first name."),
 * for messages beside the fields of the store's forms. Never zod's own report ("✖ Too
 * small… → at firstName"): a person reads these.
 */
export function fieldMessages(error: z.ZodError): Record<string, string> {
  const messages: Record<string, string> = {};
  for (const issue of error.issues) messages[fieldOf(issue) || "form"] ??= issue.message;
  return messages;
}

/** Every field's problem in one sentence each: "First name: Enter a first name. Email: …". */
export function readableIssues(error: z.ZodError): string {
  return Object.entries(fieldMessages(error))
    .map(([field, message]) => (field === "form" ? message : `${labelOf(field)}: ${message}`))
    .join(" ");
}
