import { z } from "zod";
import type { CustomerFacts } from "../../repositories/customers.server";
import { gidOf, OptionalText, Timestamp } from "./common";

/** customers/create, customers/update, and an order payload's `customer`. */
export const CustomerPayload = z.object({
  admin_graphql_api_id: gidOf("Customer"),
  email: OptionalText,
  first_name: OptionalText,
  last_name: OptionalText,
  phone: OptionalText,
  created_at: Timestamp.nullish(),
  updated_at: Timestamp.nullish(),
});
export type CustomerPayload = z.infer<typeof CustomerPayload>;

export function customerFacts(customer: CustomerPayload): CustomerFacts {
  return {
    customerGid: customer.admin_graphql_api_id,
    email: customer.email,
    firstName: customer.first_name,
    lastName: customer.last_name,
    phone: customer.phone,
    shopifyCreatedAt: customer.created_at ?? null,
    shopifyUpdatedAt: customer.updated_at ?? null,
  };
}
