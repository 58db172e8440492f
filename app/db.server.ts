import { openDatabase, type AppDatabase } from "./db/database.server";
import { serverEnv } from "./env.server";

let database: AppDatabase | undefined;

/** The process's database, chosen by DATABASE_URL (file: SQLite by default, postgres:// PostgreSQL). */
export function getDatabase(): AppDatabase {
  if (!database) {
    const env = serverEnv();
    database = openDatabase(env.DATABASE_URL, { sqliteSynchronous: env.SQLITE_SYNCHRONOUS, poolSize: env.DATABASE_POOL_SIZE });
  }
  return database;
}

export async function closeDatabase(): Promise<void> {
  const open = database;
  database = undefined;
  await open?.close();
}
