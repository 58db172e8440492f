// `npm run bench:members`: the admin's members list at 100,000 members, on SQLite and
// PostgreSQL: the time of one page (50 members) for the list, each sort (first page and a
// page from the middle, through a keyset cursor), searches and filters, and the full CSV
// export. Measured in-process on the list's service (what the route's loader calls), each
// scenario `--samples` times after 3 warm-up runs; prints p50/p99 and writes bench/results/.
// Bar: every page's p99 <= 100 ms (a page must feel instant whatever the sort, filter or depth).
// Options: --databases sqlite,postgres --rounds 1 --samples 30 --members 100000
import { mkdirSync, writeFileSync } from "node:fs";
import { sql } from "kysely";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase, type AppDatabase, type DatabaseKind } from "../app/db/database.server";
import { searchTextOf } from "../app/repositories/customers.server";
import { positionOf, walkMembers } from "../app/repositories/members.server";
import { findShop } from "../app/repositories/shops.server";
import { exportMembersCsv } from "../app/services/members/export-members.server";
import { encodeCursor, listMembers, memberFilters, MemberListQuerySchema, type MemberListQuery } from "../app/services/members/list-members.server";
import { BENCH_SHOP, prepareDatabase } from "./lib/setup";

const { values } = parseArgs({
  options: {
    databases: { type: "string", default: "sqlite,postgres" },
    rounds: { type: "string", default: "1" },
    samples: { type: "string", default: "30" },
    members: { type: "string", default: "100000" },
  },
});
const kinds = values.databases.split(",").filter((kind): kind is DatabaseKind => kind === "sqlite" || kind === "postgres");
const ROUNDS = Number(values.rounds);
const SAMPLES = Number(values.samples);
const MEMBERS = Number(values.members);
const PAGE_BAR_MS = 100;
const NOW = new Date("2026-06-01T00:00:00Z");

const FIRST = ["Amina", "Yusuf", "Zoe", "Liam", "Noor", "Omar", "Sofia", "Mateo", "Hana", "Ivan", "Leila", "Chen", "Aisha", "Lucas", "Maya", "Karim", "Elena", "Tariq", "Ines", "Ravi"];
const LAST = ["Salem", "Haddad", "Ng", "Smith", "Garcia", "Rossi", "Kim", "Okafor", "Nakamura", "Dubois", "Novak", "Silva", "Khan", "Murphy", "Larsen", "Costa", "Ali", "Weber", "Sato", "Moreau"];

/** A small deterministic generator (mulberry32): the same 100k members every run. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

async function seedMembers(database: AppDatabase, shopId: number): Promise<void> {
  const next = random(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const day = 86_400_000;
  for (let start = 0; start < MEMBERS; start += 1000) {
    const rows = Array.from({ length: Math.min(1000, MEMBERS - start) }, (_unused, offset) => {
      const index = start + offset;
      const names = { firstName: pick(FIRST), lastName: pick(LAST), email: `customer${index}@example.com` };
      const available = Math.floor(next() * 5000);
      const tierRoll = next();
      return {
        shopId, customerGid: `gid://shopify/Customer/${1_000_000 + index}`, ...names, searchText: searchTextOf(names),
        enrolledAt: next() < 0.05 ? null : new Date(NOW.getTime() - Math.floor(next() * 1000) * day), enrollmentSource: "customers/create",
        pointsAvailable: available, pointsPending: Math.floor(next() * 100), pointsLifetime: available + Math.floor(next() * 5000),
        orderCount: Math.floor(next() * 20), lastOrderAt: next() < 0.3 ? null : new Date(NOW.getTime() - Math.floor(next() * 700) * day - Math.floor(next() * day)),
        tierId: tierRoll < 0.1 ? "gold" : tierRoll < 0.3 ? "silver" : null, createdAt: NOW, updatedAt: NOW,
      };
    });
    await database.db.insertInto("Customer").values(rows).execute();
  }
  // After a bulk load PostgreSQL's autovacuum would gather statistics soon; do it now.
  if (database.kind === "postgres") await sql`ANALYZE "Customer"`.execute(database.db);
}

type Scenario = { readonly name: string; readonly query: Partial<Record<keyof MemberListQuery, string>>; readonly middle?: boolean };

const SCENARIOS: readonly Scenario[] = [
  { name: "list: newest members (default)", query: {} },
  { name: "list: page from the middle (keyset)", query: {}, middle: true },
  { name: "sort: name A-Z", query: { sort: "name", direction: "asc" } },
  { name: "sort: name A-Z, middle page", query: { sort: "name", direction: "asc" }, middle: true },
  { name: "sort: available points, most first", query: { sort: "balance", direction: "desc" } },
  { name: "sort: available points, middle page", query: { sort: "balance", direction: "desc" }, middle: true },
  { name: "sort: points earned, fewest first", query: { sort: "lifetime", direction: "asc" } },
  { name: "sort: last order, most recent first", query: { sort: "lastOrder", direction: "desc" } },
  { name: "sort: last order, middle page", query: { sort: "lastOrder", direction: "desc" }, middle: true },
  { name: "sort: member since, oldest first", query: { sort: "enrolled", direction: "asc" } },
  { name: "search: common name (amina)", query: { q: "amina" } },
  { name: "search: full name (amina salem)", query: { q: "amina salem" } },
  { name: "search: one email", query: { q: "customer77777@", status: "all" } },
  { name: "search: no match", query: { q: "zzzz" } },
  { name: "search: common word (example), by name", query: { q: "example", sort: "name", direction: "asc" } },
  { name: "search: two letters (zo)", query: { q: "zo" } },
  { name: "search: two letters, no match (qx)", query: { q: "qx" } },
  { name: "search: common name, tier gold, middle", query: { q: "amina", tier: "gold" }, middle: true },
  { name: "filter: tier gold, by points", query: { tier: "gold", sort: "balance", direction: "desc" } },
  { name: "filter: no tier", query: { tier: "_none" } },
  { name: "filter: 1,000-2,000 points", query: { minPoints: "1000", maxPoints: "2000" } },
  { name: "filter: last order in May 2026", query: { lastOrderFrom: "2026-05-01", lastOrderTo: "2026-05-31", sort: "lastOrder" } },
  { name: "filter: 4,990+ points, name A-Z", query: { minPoints: "4990", sort: "name", direction: "asc" } },
  { name: "all customers, by points", query: { status: "all", sort: "balance" } },
];

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? Number.NaN;

async function timeIt(samples: number, work: () => Promise<unknown>) {
  for (let warmup = 0; warmup < 3; warmup++) await work();
  const times: number[] = [];
  for (let sample = 0; sample < samples; sample++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

/** A cursor halfway through the scenario's result (searches and filters included): the page a merchant reaches after paging far. */
async function middleCursor(database: AppDatabase, shopId: number, query: MemberListQuery): Promise<string> {
  const shop = await findShop(database.db, BENCH_SHOP);
  if (!shop) throw new Error("bench shop missing");
  const rows = await walkMembers(database.db, shopId, memberFilters(query, shop), query.sort, query.direction, null, MEMBERS, "forward");
  const middle = rows[Math.floor(rows.length / 2)];
  if (!middle) throw new Error("no middle row");
  return encodeCursor(query.sort, positionOf(middle, query.sort));
}

type Row = { database: DatabaseKind; round: number; scenario: string; p50: number; p99: number; rows: number };
const results: Row[] = [];

for (const kind of kinds) {
  for (let round = 1; round <= ROUNDS; round++) {
    const prepared = await prepareDatabase(kind, `wafa_bench_members_${kind}_${round}`);
    let database = openDatabase(prepared.url);
    try {
      const shop = await findShop(database.db, BENCH_SHOP);
      if (!shop) throw new Error("bench shop missing");
      const seeded = performance.now();
      await seedMembers(database, shop.id);
      // Measured as the server runs after a restart: it opens SQLite with PRAGMA optimize,
      // which gathers the planner's statistics (app/db/sqlite.server.ts).
      if (kind === "sqlite") {
        await database.close();
        database = openDatabase(prepared.url);
      }
      console.log(`\n${kind}, round ${round}: ${MEMBERS.toLocaleString("en-US")} members seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);
      console.log("  scenario                                   p50 ms   p99 ms   rows");
      for (const scenario of SCENARIOS) {
        let query = MemberListQuerySchema.parse(scenario.query);
        if (scenario.middle) query = { ...query, after: await middleCursor(database, shop.id, query) };
        let rows = 0;
        const timing = await timeIt(SAMPLES, async () => {
          rows = (await listMembers(database, BENCH_SHOP, query, NOW)).members.length;
        });
        results.push({ database: kind, round, scenario: scenario.name, ...timing, rows });
        console.log(`  ${scenario.name.padEnd(40)} ${timing.p50.toFixed(1).padStart(8)} ${timing.p99.toFixed(1).padStart(8)} ${String(rows).padStart(6)}`);
      }
      let csvBytes = 0;
      const csv = await timeIt(2, async () => {
        const stream = await exportMembersCsv(database, BENCH_SHOP, MemberListQuerySchema.parse({ status: "all" }), NOW);
        if (!stream) throw new Error("bench shop missing");
        csvBytes = 0;
        const reader = stream.getReader();
        for (let read = await reader.read(); !read.done; read = await reader.read()) csvBytes += read.value.byteLength;
      });
      console.log(`  CSV export of every customer: ${(csv.p50 / 1000).toFixed(2)} s, ${(csvBytes / 1_048_576).toFixed(1)} MiB`);
      results.push({ database: kind, round, scenario: "csv: export every customer", p50: csv.p50, p99: csv.p99, rows: MEMBERS });
    } finally {
      await database.close();
      await prepared.drop();
    }
  }
}

const pages = results.filter((result) => !result.scenario.startsWith("csv"));
const slow = pages.filter((result) => result.p99 > PAGE_BAR_MS);
const summary = `${pages.length} page measurements, slowest p99 ${Math.max(...pages.map((result) => result.p99)).toFixed(1)} ms (bar <= ${PAGE_BAR_MS} ms): ${slow.length === 0 ? "PASS" : `FAIL (${slow.map((result) => `${result.database} ${result.scenario}`).join("; ")})`}`;
console.log(`\n${summary}`);
mkdirSync(path.join("bench", "results"), { recursive: true });
const file = path.join("bench", "results", `members-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
writeFileSync(file, JSON.stringify({ members: MEMBERS, samples: SAMPLES, results, summary }, null, 2));
console.log(`results: ${file}`);
process.exitCode = slow.length === 0 ? 0 : 1;
