import type { ActionFunctionArgs } from "@remix-run/node";
import { handleWebhook } from "~/shopify/webhook-handler.server";

// Subscribed in shopify.app.toml: products/update.
export const action = ({ request }: ActionFunctionArgs) => handleWebhook(request, ["products/update"]);
