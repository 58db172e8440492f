// The ceiling for bench/member.ts: node:http, the session token verified with node:crypto
// (HS256 signature, expiry, audience), then one indexed read on the raw driver.
import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";

const url = process.env.DATABASE_URL ?? "";
const secret = process.env.SHOPIFY_API_SECRET ?? "";
const apiKey = process.env.SHOPIFY_API_KEY ?? "";
const SQL = `SELECT c."enrolledAt", c."pointsAvailable", c."pointsPending", c."pointsLifetime" FROM "Customer" c JOIN "Shop" s ON s.id = c."shopId" WHERE s.domain = $1 AND c."customerGid" = $2`;

type Row = { enrolledAt: unknown; pointsAvailable: number | string; pointsPending: number | string; pointsLifetime: number | string } | undefined;
let read: (shop: string, customer: string) => Promise<Row>;
if (url.startsWith("file:")) {
  const db = new BetterSqlite3(url.slice("file:".length));
  db.pragma("journal_mode = WAL");
  const statement = db.prepare(SQL.replace(/\$\d/g, "?"));
  read = async (shop, customer) => statement.get(shop, customer) as Row;
} else {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on("error", () => undefined);
  read = async (shop, customer) => (await pool.query(SQL, [shop, customer])).rows[0] as Row;
}

function verify(token: string): { dest: string; sub?: string } | null {
  const [header, payload, signature] = token.split(".");
  if (!header || !payload || !signature) return null;
  const expected = createHmac("sha256", secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as { exp: number; nbf: number; aud: string; dest: string; sub?: string };
  const now = Date.now() / 1000;
  return claims.exp > now && claims.nbf <= now + 10 && claims.aud === apiKey ? claims : null;
}

const server = http.createServer(async (request, response) => {
  const claims = verify((request.headers.authorization ?? "").replace(/^Bearer /, ""));
  if (!claims) {
    response.writeHead(401).end();
    return;
  }
  const shop = claims.dest.replace(/^https:\/\//, "");
  const row = await read(shop, claims.sub ?? "");
  const body = JSON.stringify({
    member: Boolean(row?.enrolledAt),
    customerId: claims.sub ?? null,
    points: { available: Number(row?.pointsAvailable ?? 0), pending: Number(row?.pointsPending ?? 0), lifetime: Number(row?.pointsLifetime ?? 0) },
    tier: null,
  });
  response.writeHead(200, { "Content-Type": "application/json", "Access-Control-Allow-Origin": "*" }).end(body);
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT ?? "0"), "127.0.0.1", () => {
  const address = server.address();
  console.log(`ceiling listening on ${typeof address === "object" && address ? address.port : 0}`);
});
