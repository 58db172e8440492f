import type { CustomerSummary } from "./store";

export type CustomerSearch = { readonly matches: readonly CustomerSummary[]; readonly total: number; readonly customers: number };

/** How many matches a picker lists: a search narrows the rest, so every customer can be found. */
export const CUSTOMER_PICKER_LIMIT = 50;

/**
 * The simulated store's customer picker: every word of the query must occur in the
 * customer's name or email (case-insensitive), newest first, at most `limit` listed and the
 * number of all matches given, so any of the store's customers can be found by searching
 * (the picker used to list the 200 newest only).
 */
export function searchCustomers(customers: readonly CustomerSummary[], query: string, limit = CUSTOMER_PICKER_LIMIT): CustomerSearch {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const found = customers.filter((customer) => {
    const text = `${customer.firstName} ${customer.lastName} ${customer.email}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
  return { matches: found.slice(-limit).reverse(), total: found.length, customers: customers.length };
}
