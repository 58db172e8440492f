import type { AppDatabase } from "../db/database.server";
import { insertDeadLetter, type DeadLetter } from "../repositories/dead-letters.server";

/**
 * A webhook payload that is valid JSON but not what Shopify documents for the topic: a
 * retry cannot fix it, so it is kept with the reason for a person to look at, and nothing
 * else is written.
 */
export async function recordDeadLetter(database: AppDatabase, letter: DeadLetter, now: Date): Promise<void> {
  await insertDeadLetter(database.db, letter, now);
}
