import type { ActionFunctionArgs } from "@remix-run/node";
import { handleWebhook } from "~/shopify/webhook-handler.server";

// Subscribed in shopify.app.toml: app/scopes_update.
export const action = ({ request }: ActionFunctionArgs) => handleWebhook(request, ["app/scopes_update"]);
