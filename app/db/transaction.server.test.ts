import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { inTransaction } from "./transaction.server";

const letter = (reason: string) => ({ shopDomain: "tx.myshopify.com", topic: "orders/paid", webhookId: null, reason, payload: "{}", receivedAt: new Date() });

describe.each(DATABASE_KINDS)("transactions on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => (database = await createTestDatabase(kind)));
  afterAll(() => database.drop());
  const reasons = async (prefix: string) =>
    (await database.db.selectFrom("DeadLetter").select("reason").where("reason", "like", `${prefix}%`).orderBy("reason").execute()).map((row) => row.reason);

  it("GIVEN many concurrent calls, one failing THEN only the failing one's writes are gone, and each learns its own outcome", async () => {
    const calls = Array.from({ length: 20 }, (_unused, index) =>
      inTransaction(database, async (tx) => {
        await tx.insertInto("DeadLetter").values(letter(`group-${String(index).padStart(2, "0")}`)).execute();
        if (index === 7) throw new Error("call 7 fails after writing");
        return index;
      }),
    );
    const outcomes = await Promise.allSettled(calls);
    expect(outcomes.filter((outcome) => outcome.status === "rejected")).toHaveLength(1);
    expect(outcomes[7]).toMatchObject({ status: "rejected", reason: new Error("call 7 fails after writing") });
    expect(outcomes[3]).toEqual({ status: "fulfilled", value: 3 });
    const stored = await reasons("group-");
    expect(stored).toHaveLength(19);
    expect(stored).not.toContain("group-07");
  });

  it("GIVEN a transaction still open THEN reads outside it see only committed data, without waiting for it", async () => {
    let finish: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (finish = resolve));
    let inserted: () => void = () => undefined;
    const written = new Promise<void>((resolve) => (inserted = resolve));
    const open = inTransaction(database, async (tx) => {
      await tx.insertInto("DeadLetter").values(letter("open-uncommitted")).execute();
      inserted();
      await held;
    });
    await written;
    expect(await reasons("open-")).toEqual([]);
    finish();
    await open;
    expect(await reasons("open-")).toEqual(["open-uncommitted"]);
  });

  it("GIVEN a transaction that rolls back THEN a write made outside it meanwhile is not lost with it", async () => {
    let finish: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (finish = resolve));
    let inserted: () => void = () => undefined;
    const written = new Promise<void>((resolve) => (inserted = resolve));
    const failing = inTransaction(database, async (tx) => {
      await tx.insertInto("DeadLetter").values(letter("outside-rolled-back")).execute();
      inserted();
      await held;
      throw new Error("roll back");
    });
    await written;
    const outside = database.db.insertInto("DeadLetter").values(letter("outside-kept")).execute();
    setTimeout(finish, 20);
    await expect(failing).rejects.toThrow("roll back");
    await outside;
    expect(await reasons("outside-")).toEqual(["outside-kept"]);
  });
});
