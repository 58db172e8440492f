import { z } from "zod";
import { NumericId } from "./common";

/** customers/redact */
export const CustomersRedactPayload = z.object({
  shop_domain: z.string(),
  customer: z.object({ id: NumericId }).passthrough(),
  orders_to_redact: z.array(NumericId).default([]),
});

/** customers/data_request */
export const CustomersDataRequestPayload = z.object({
  shop_domain: z.string(),
  customer: z.object({ id: NumericId }).passthrough(),
  orders_requested: z.array(NumericId).default([]),
  data_request: z.object({ id: NumericId }).passthrough().nullish(),
});

/** shop/redact */
export const ShopRedactPayload = z.object({ shop_domain: z.string() });

/** app/scopes_update */
export const ScopesUpdatePayload = z.object({ current: z.array(z.string()) });
