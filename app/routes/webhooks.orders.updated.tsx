import type { ActionFunctionArgs } from "@remix-run/node";
import { handleWebhook } from "~/shopify/webhook-handler.server";

// Subscribed in shopify.app.toml: orders/updated.
export const action = ({ request }: ActionFunctionArgs) => handleWebhook(request, ["orders/updated"]);
