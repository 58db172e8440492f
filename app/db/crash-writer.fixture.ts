// Test fixture (spawned by crash-safety.test.ts): commits journals as fast as it can through
// Wafa's SQLite driver and prints each committed key only after its COMMIT returned.
import { openDatabase } from "./database.server";

const [, , url, prefix] = process.argv;
if (!url || !prefix) throw new Error("usage: crash-writer <database url> <key prefix>");
const database = openDatabase(url);
const shop = await database.db.selectFrom("Shop").select("id").where("domain", "=", "crash.myshopify.com").executeTakeFirstOrThrow();

for (let index = 0; ; index++) {
  const key = `${prefix}:${index}`;
  await database.db.transaction().execute(async (tx) => {
    const { id } = await tx
      .insertInto("LedgerJournal")
      .values({ shopId: shop.id, key, kind: "adjust", occurredAt: new Date(), actor: "test:crash", createdAt: new Date() })
      .returning("id")
      .executeTakeFirstOrThrow();
    await tx
      .insertInto("LedgerLine")
      .values([
        { journalId: id, shopId: shop.id, account: "program.adjustments", customerId: null, points: -index - 1 },
        { journalId: id, shopId: shop.id, account: "program.issued", customerId: null, points: index + 1 },
      ])
      .execute();
  });
  process.stdout.write(`${key}\n`);
}
