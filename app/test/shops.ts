// Test support: installed shops with the default program, and ledger checks.
import { expect } from "vitest";
import type { AppDatabase } from "../db/database.server";
import { balancesFromJournals, type Journal } from "../loyalty/ledger/ledger";
import { shopLedgerLines } from "../repositories/ledger.server";
import { findShop } from "../repositories/shops.server";
import { installShop } from "../services/install-shop.server";

export const PROGRAM_START = new Date("2026-01-01T00:00:00Z");

export async function installTestShop(database: AppDatabase, domain: string, options: { countTestOrders?: boolean; currencyCode?: string } = {}) {
  return installShop(
    database,
    { domain, name: domain.split(".")[0] ?? domain, currencyCode: options.currencyCode ?? "USD", ianaTimezone: "UTC", scopes: "read_orders", countTestOrders: options.countTestOrders ?? false },
    { now: PROGRAM_START, programStart: PROGRAM_START },
  );
}

/**
 * The balance projection on every customer row equals the balances derived from the
 * ledger's lines (the projection is a cache; the ledger is the truth).
 */
export async function expectProjectionMatchesLedger(database: AppDatabase, domain: string): Promise<void> {
  const shop = await findShop(database.db, domain);
  if (!shop) throw new Error(`no shop ${domain}`);
  const lines = await shopLedgerLines(database.db, shop.id);
  const total = lines.reduce((sum, line) => sum + line.points, 0);
  expect(total).toBe(0);
  const journals: Journal[] = lines.map((line, index) => ({
    key: String(index), kind: line.kind, customerId: line.customerId, orderId: null, programVersion: null, occurredAt: PROGRAM_START, memo: null, actor: "test",
    lines: [line],
  }));
  const derived = balancesFromJournals(journals);
  const customers = await database.db.selectFrom("Customer").select(["id", "pointsAvailable", "pointsPending", "pointsLifetime"]).where("shopId", "=", shop.id).execute();
  for (const customer of customers) {
    const balance = derived.get(String(customer.id));
    expect({ available: customer.pointsAvailable, pending: customer.pointsPending, lifetime: customer.pointsLifetime }).toEqual({
      available: balance?.available ?? 0,
      pending: balance?.pending ?? 0,
      lifetime: balance?.lifetime ?? 0,
    });
  }
}
