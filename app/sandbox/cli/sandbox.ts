// `npm run sandbox`: the whole app offline. Generates the query types (Prisma, offline),
// builds the production app if its sources changed, migrates the database (the embedded
// SQLite one unless DATABASE_URL says otherwise), then starts the production server with
// the sandbox on: it installs SANDBOX_SHOP through the real auth path, seeds a year of
// store history as signed webhooks (unless SANDBOX_SEED=none), and prints the URLs.
import { execFileSync, spawn } from "node:child_process";
import { DEFAULT_DATABASE_URL } from "../../db/database.server";
import { migrateDatabase } from "../../db/migrate.server";
import { buildAppIfStale } from "../../server/build-if-stale";
import { buildDiscountFunctionIfStale } from "../../../extensions/wafa-discount/build-if-stale";

if (process.env.NODE_ENV === "production") {
  console.error("The sandbox cannot run with NODE_ENV=production.");
  process.exit(1);
}

const step = (message: string) => console.log(`\n▸ ${message}`);
const databaseUrl = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;

step("Generating query types from prisma/schema.prisma (offline)");
execFileSync("npm", ["run", "--silent", "db:generate"], { stdio: "inherit" });

step("Building the production app (skipped when nothing changed)");
buildAppIfStale();

// The simulated store's checkout runs the discount Function's Wasm (app/sandbox/simulated-checkout.server.ts).
step("Building the discount Function's Wasm (skipped when nothing changed)");
buildDiscountFunctionIfStale();

step(`Migrating ${databaseUrl.replace(/:\/\/[^@]*@/, "://…@")}`);
await migrateDatabase(databaseUrl);

step("Starting the production build with the sandbox on");
const server = spawn(process.execPath, ["build/server/main.js"], {
  stdio: "inherit",
  env: {
    ...process.env,
    NODE_ENV: "development",
    WAFA_SANDBOX: "1",
    DATABASE_URL: databaseUrl,
    PORT: process.env.PORT ?? "3000",
    HOST: process.env.HOST ?? "127.0.0.1",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warning",
  },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
