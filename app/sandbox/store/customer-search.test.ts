import { describe, expect, it } from "vitest";
import { searchCustomers } from "./customer-search";
import type { CustomerSummary } from "./store";

const customer = (id: number, firstName: string, lastName: string): CustomerSummary =>
  ({ id: String(id), gid: `gid://shopify/Customer/${id}`, firstName, lastName, email: `${firstName}.${lastName}@example.com`.toLowerCase(), phone: null, createdAt: new Date(0), updatedAt: new Date(0) });

describe("the simulated store's customer picker", () => {
  const customers = Array.from({ length: 300 }, (_, index) => customer(index + 1, index === 0 ? "Amina" : `Shopper${index + 1}`, index === 0 ? "Oldest" : "Demo"));

  it("GIVEN 300 customers WHEN nothing is searched THEN the newest 50 are listed and all 300 counted", () => {
    const result = searchCustomers(customers, "");
    expect(result.matches.map((found) => found.id).slice(0, 2)).toEqual(["300", "299"]);
    expect(result.matches).toHaveLength(50);
    expect(result.total).toBe(300);
  });

  it("GIVEN the oldest customer, beyond the newest 200 WHEN the merchant searches their name and email in any case THEN they are found", () => {
    expect(searchCustomers(customers, "amina").matches.map((found) => found.id)).toEqual(["1"]);
    expect(searchCustomers(customers, "OLDEST amina.oldest@").matches.map((found) => found.id)).toEqual(["1"]);
    expect(searchCustomers(customers, "nobody").total).toBe(0);
  });
});
