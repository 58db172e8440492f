// `npm run db:migrate`: applies migrations to DATABASE_URL (default: the embedded database).
import { DEFAULT_DATABASE_URL } from "../database.server";
import { migrateDatabase } from "../migrate.server";

const url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
await migrateDatabase(url);
console.log(`migrated ${url.replace(/:\/\/[^@]*@/, "://…@")}`);
