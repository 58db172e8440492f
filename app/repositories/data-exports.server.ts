import type { Db } from "../db/database.server";

export async function saveCustomerDataExport(
  db: Db,
  shopId: number,
  input: { customerGid: string; dataRequestId: string | null; document: unknown },
  now: Date,
): Promise<number> {
  const { id } = await db
    .insertInto("CustomerDataExport")
    .values({ shopId, customerGid: input.customerGid, dataRequestId: input.dataRequestId, export: JSON.stringify(input.document), createdAt: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

export async function listCustomerDataExports(db: Db, shopId: number) {
  return db
    .selectFrom("CustomerDataExport")
    .select(["id", "customerGid", "dataRequestId", "createdAt", "export"])
    .where("shopId", "=", shopId)
    .orderBy("id", "desc")
    .execute();
}

/** The shop's most recent data requests, newest first, with the stored export (the page reads its summary). */
export async function listRecentCustomerDataExports(db: Db, shopId: number, limit: number) {
  return db
    .selectFrom("CustomerDataExport")
    .select(["id", "customerGid", "dataRequestId", "createdAt", "export"])
    .where("shopId", "=", shopId)
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

/** One export of this shop's (another shop's id finds nothing). */
export async function findCustomerDataExport(db: Db, shopId: number, id: number) {
  const row = await db
    .selectFrom("CustomerDataExport")
    .select(["id", "customerGid", "dataRequestId", "createdAt", "export"])
    .where("shopId", "=", shopId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row ?? null;
}
