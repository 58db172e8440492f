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
