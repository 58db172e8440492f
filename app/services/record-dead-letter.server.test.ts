import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listDeadLetters } from "../repositories/dead-letters.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { recordDeadLetter } from "./record-dead-letter.server";

describe.each(DATABASE_KINDS)("recordDeadLetter on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => (database = await createTestDatabase(kind)));
  afterAll(() => database.drop());

  it("keeps the payload and the reason, newest first", async () => {
    await recordDeadLetter(database, { shopDomain: "s.myshopify.com", topic: "orders/paid", webhookId: "w1", reason: "first", payload: "{}" }, new Date("2026-01-01T00:00:00Z"));
    await recordDeadLetter(database, { shopDomain: "s.myshopify.com", topic: "refunds/create", webhookId: null, reason: "second", payload: '{"a":1}' }, new Date("2026-01-02T00:00:00Z"));
    expect(await listDeadLetters(database.db, "s.myshopify.com")).toMatchObject([
      { topic: "refunds/create", reason: "second", webhookId: null, receivedAt: new Date("2026-01-02T00:00:00Z") },
      { topic: "orders/paid", reason: "first", webhookId: "w1" },
    ]);
  });
});
