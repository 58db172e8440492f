import type { ActionFunctionArgs } from "@remix-run/node";
import { handleWebhook } from "~/shopify/webhook-handler.server";

// Subscribed in shopify.app.toml: customers/data_request, customers/redact, shop/redact.
export const action = ({ request }: ActionFunctionArgs) => handleWebhook(request, ["customers/data_request", "customers/redact", "shop/redact"]);
