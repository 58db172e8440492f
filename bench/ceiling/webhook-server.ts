// The ceiling for bench/webhooks.ts: the least a webhook endpoint can do for the same
// result. node:http, HMAC verify, JSON.parse, then the same ledger transaction Wafa runs
// for a new paid order (the same SQL statements, in the same order, on the raw driver,
// prepared once). No framework, no schema validation, no session lookup.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";

const url = process.env.DATABASE_URL ?? "";
const secret = process.env.SHOPIFY_API_SECRET ?? "";
const port = Number(process.env.PORT ?? "0");

type Order = {
  admin_graphql_api_id: string;
  name: string;
  test: boolean;
  financial_status: string;
  created_at: string;
  processed_at: string;
  updated_at: string;
  current_subtotal_price_set: { shop_money: { amount: string; currency_code: string } };
  current_total_price_set: { shop_money: { amount: string } };
  current_total_discounts_set: { shop_money: { amount: string } };
  line_items: unknown[];
  customer: { admin_graphql_api_id: string; email: string; first_name: string; last_name: string; updated_at: string };
};

const cents = (amount: string) => {
  const [whole = "0", fraction = ""] = amount.split(".");
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
};
const tombstone = (shopId: number, gid: string) => `redacted:${createHash("sha256").update(`${shopId}:${gid}`).digest("hex")}`;

type Transaction = (shopDomain: string, order: Order) => Promise<void>;

function sqliteTransaction(path: string): Transaction {
  const db = new BetterSqlite3(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("cache_size = -8192");
  const q = {
    shop: db.prepare(`SELECT id, currencyCode, countTestOrders, installedAt, uninstalledAt FROM Shop WHERE domain = ?`),
    findCustomer: db.prepare(`SELECT id, customerGid, shopifyUpdatedAt, redactedAt FROM Customer WHERE shopId = ? AND customerGid IN (?, ?)`),
    insertCustomer: db.prepare(`INSERT INTO Customer (shopId, customerGid, email, firstName, lastName, phone, shopifyCreatedAt, shopifyUpdatedAt, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?) ON CONFLICT (shopId, customerGid) DO NOTHING RETURNING id`),
    findOrder: db.prepare(`SELECT o.id, o.customerId, c.customerGid FROM "Order" o LEFT JOIN Customer c ON c.id = o.customerId WHERE o.shopId = ? AND o.orderGid = ?`),
    refunds: db.prepare(`SELECT refundGid, lineSubtotalMinor FROM OrderRefund WHERE shopId = ? AND orderGid = ? ORDER BY id`),
    accrual: db.prepare(`SELECT j.id, l.account, l.points, l.customerId, c.customerGid FROM LedgerJournal j JOIN LedgerLine l ON l.journalId = j.id LEFT JOIN Customer c ON c.id = l.customerId WHERE j.shopId = ? AND j.orderGid = ? AND j.kind IN ('earn', 'reversal')`),
    versions: db.prepare(`SELECT id, version, effectiveAt, rules FROM ProgramVersion WHERE shopId = ? ORDER BY version`),
    insertOrder: db.prepare(`INSERT INTO "Order" (shopId, orderGid, customerId, name, test, financialStatus, cancelledAt, shopifyCreatedAt, processedAt, shopifyUpdatedAt, snapshotRank, currency, subtotalMinor, totalMinor, discountsMinor, giftCardMinor, includedRefundGids, lineItems, discountCodes, sourceName, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, 0, '[]', ?, '[]', 'web', ?, ?)`),
    enroll: db.prepare(`UPDATE Customer SET enrolledAt = ?, enrollmentSource = 'first_paid_order', updatedAt = ? WHERE id = ? AND (enrolledAt IS NULL OR enrolledAt > ?)`),
    insertJournal: db.prepare(`INSERT INTO LedgerJournal (shopId, key, kind, customerId, orderGid, programVersion, occurredAt, memo, actor, createdAt) VALUES (?, ?, 'earn', ?, ?, ?, ?, NULL, 'webhook:orders/paid', ?) RETURNING id`),
    insertLines: db.prepare(`INSERT INTO LedgerLine (journalId, shopId, account, customerId, points) VALUES (?, ?, 'program.issued', NULL, ?), (?, ?, 'member.available', ?, ?)`),
    balance: db.prepare(`UPDATE Customer SET pointsAvailable = pointsAvailable + ?, pointsPending = pointsPending + 0, pointsLifetime = pointsLifetime + ?, updatedAt = ? WHERE id = ?`),
  };
  const run = db.transaction((shopDomain: string, order: Order) => {
    const now = Date.now();
    const shop = q.shop.get(shopDomain) as { id: number };
    const gid = order.customer.admin_graphql_api_id;
    let customer = q.findCustomer.get(shop.id, gid, tombstone(shop.id, gid)) as { id: number } | undefined;
    customer ??= q.insertCustomer.get(shop.id, gid, order.customer.email, order.customer.first_name, order.customer.last_name, Date.parse(order.customer.updated_at), now, now) as { id: number };
    q.findOrder.get(shop.id, order.admin_graphql_api_id);
    q.refunds.all(shop.id, order.admin_graphql_api_id);
    q.accrual.all(shop.id, order.admin_graphql_api_id);
    const versions = q.versions.all(shop.id) as Array<{ version: number }>;
    const subtotal = cents(order.current_subtotal_price_set.shop_money.amount);
    const processed = Date.parse(order.processed_at);
    q.insertOrder.run(shop.id, order.admin_graphql_api_id, customer.id, order.name, order.test ? 1 : 0, order.financial_status, Date.parse(order.created_at), processed, Date.parse(order.updated_at), "0000.0.04.00000000", order.current_subtotal_price_set.shop_money.currency_code, subtotal, cents(order.current_total_price_set.shop_money.amount), cents(order.current_total_discounts_set.shop_money.amount), JSON.stringify(order.line_items), now, now);
    q.enroll.run(processed, now, customer.id, processed);
    const points = Math.floor(subtotal / 100);
    const journal = q.insertJournal.get(shop.id, `order:${order.admin_graphql_api_id}:accrual:0`, customer.id, order.admin_graphql_api_id, versions.at(-1)?.version ?? null, now, now) as { id: number };
    q.insertLines.run(journal.id, shop.id, -points, journal.id, shop.id, customer.id, points);
    q.balance.run(points, points, now, customer.id);
  });
  return async (shopDomain, order) => {
    run.immediate(shopDomain, order);
  };
}

function postgresTransaction(connectionString: string): Transaction {
  const pool = new pg.Pool({ connectionString, max: 10 });
  pool.on("error", () => undefined);
  return async (shopDomain, order) => {
    const client = await pool.connect();
    try {
      const now = new Date();
      await client.query("BEGIN");
      const shop = (await client.query(`SELECT id, "currencyCode", "countTestOrders", "installedAt", "uninstalledAt" FROM "Shop" WHERE domain = $1`, [shopDomain])).rows[0] as { id: number };
      await client.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [shop.id, order.admin_graphql_api_id]);
      const gid = order.customer.admin_graphql_api_id;
      let customer = (await client.query(`SELECT id, "customerGid", "shopifyUpdatedAt", "redactedAt" FROM "Customer" WHERE "shopId" = $1 AND "customerGid" IN ($2, $3)`, [shop.id, gid, tombstone(shop.id, gid)])).rows[0] as { id: number } | undefined;
      customer ??= (
        await client.query(
          `INSERT INTO "Customer" ("shopId", "customerGid", email, "firstName", "lastName", phone, "shopifyCreatedAt", "shopifyUpdatedAt", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, $5, NULL, NULL, $6, $7, $7) ON CONFLICT ("shopId", "customerGid") DO NOTHING RETURNING id`,
          [shop.id, gid, order.customer.email, order.customer.first_name, order.customer.last_name, new Date(order.customer.updated_at), now],
        )
      ).rows[0] as { id: number };
      await client.query(`SELECT o.id, o."customerId", c."customerGid" FROM "Order" o LEFT JOIN "Customer" c ON c.id = o."customerId" WHERE o."shopId" = $1 AND o."orderGid" = $2`, [shop.id, order.admin_graphql_api_id]);
      await client.query(`SELECT "refundGid", "lineSubtotalMinor" FROM "OrderRefund" WHERE "shopId" = $1 AND "orderGid" = $2 ORDER BY id`, [shop.id, order.admin_graphql_api_id]);
      await client.query(`SELECT j.id, l.account, l.points, l."customerId", c."customerGid" FROM "LedgerJournal" j JOIN "LedgerLine" l ON l."journalId" = j.id LEFT JOIN "Customer" c ON c.id = l."customerId" WHERE j."shopId" = $1 AND j."orderGid" = $2 AND j.kind IN ('earn', 'reversal')`, [shop.id, order.admin_graphql_api_id]);
      const versions = (await client.query(`SELECT id, version, "effectiveAt", rules FROM "ProgramVersion" WHERE "shopId" = $1 ORDER BY version`, [shop.id])).rows as Array<{ version: number }>;
      const subtotal = cents(order.current_subtotal_price_set.shop_money.amount);
      const processed = new Date(order.processed_at);
      await client.query(
        `INSERT INTO "Order" ("shopId", "orderGid", "customerId", name, test, "financialStatus", "cancelledAt", "shopifyCreatedAt", "processedAt", "shopifyUpdatedAt", "snapshotRank", currency, "subtotalMinor", "totalMinor", "discountsMinor", "giftCardMinor", "includedRefundGids", "lineItems", "discountCodes", "sourceName", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, $8, $9, $10, $11, $12, $13, $14, 0, '[]', $15, '[]', 'web', $16, $16)`,
        [shop.id, order.admin_graphql_api_id, customer.id, order.name, order.test, order.financial_status, new Date(order.created_at), processed, new Date(order.updated_at), "0000.0.04.00000000", order.current_subtotal_price_set.shop_money.currency_code, subtotal, cents(order.current_total_price_set.shop_money.amount), cents(order.current_total_discounts_set.shop_money.amount), JSON.stringify(order.line_items), now],
      );
      await client.query(`UPDATE "Customer" SET "enrolledAt" = $1, "enrollmentSource" = 'first_paid_order', "updatedAt" = $2 WHERE id = $3 AND ("enrolledAt" IS NULL OR "enrolledAt" > $1)`, [processed, now, customer.id]);
      const points = Math.floor(subtotal / 100);
      const journal = (
        await client.query(`INSERT INTO "LedgerJournal" ("shopId", key, kind, "customerId", "orderGid", "programVersion", "occurredAt", memo, actor, "createdAt") VALUES ($1, $2, 'earn', $3, $4, $5, $6, NULL, 'webhook:orders/paid', $6) RETURNING id`, [shop.id, `order:${order.admin_graphql_api_id}:accrual:0`, customer.id, order.admin_graphql_api_id, versions.at(-1)?.version ?? null, now])
      ).rows[0] as { id: number };
      await client.query(`INSERT INTO "LedgerLine" ("journalId", "shopId", account, "customerId", points) VALUES ($1, $2, 'program.issued', NULL, $3), ($1, $2, 'member.available', $4, $5)`, [journal.id, shop.id, -points, customer.id, points]);
      await client.query(`UPDATE "Customer" SET "pointsAvailable" = "pointsAvailable" + $1, "pointsPending" = "pointsPending" + 0, "pointsLifetime" = "pointsLifetime" + $1, "updatedAt" = $2 WHERE id = $3`, [points, now, customer.id]);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    } finally {
      client.release();
    }
  };
}

const transaction = url.startsWith("file:") ? sqliteTransaction(url.slice("file:".length)) : postgresTransaction(url);
const expectedMac = (body: Buffer) => createHmac("sha256", secret).update(body).digest();

const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", async () => {
    const body = Buffer.concat(chunks);
    const given = Buffer.from(request.headers["x-shopify-hmac-sha256"]?.toString() ?? "", "base64");
    const expected = expectedMac(body);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      response.writeHead(401).end();
      return;
    }
    try {
      await transaction(String(request.headers["x-shopify-shop-domain"]), JSON.parse(body.toString("utf8")) as Order);
      response.writeHead(200).end();
    } catch (error) {
      console.error(error);
      response.writeHead(500).end();
    }
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, "127.0.0.1", () => {
  const address = server.address();
  console.log(`ceiling listening on ${typeof address === "object" && address ? address.port : port}`);
});
