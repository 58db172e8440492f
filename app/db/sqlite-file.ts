// The embedded database's file may live in a directory that does not exist yet: a fresh
// clone has no prisma/data/ (it is git-ignored), and DATABASE_URL may name any new path.
// SQLite creates the file but never its directory (Prisma reports only "External error
// id#0"), so everything that opens or migrates an SQLite file calls this first: the app's
// client (openDatabase), migrateDatabase (the sandbox, `npm run db:migrate`, the tests'
// templates, the benchmarks) and Prisma's own CLI config (prisma/sqlite.config.ts).
// No dependencies beyond Node: Prisma's config loader imports this file too.
import { mkdirSync } from "node:fs";
import path from "node:path";

/** True for SQLite's in-memory databases, which have no file (and no directory). */
export function isInMemorySqlite(file: string): boolean {
  return file === "" || file === ":memory:" || file.startsWith("file::memory:") || /[?&]mode=memory\b/.test(file);
}

/**
 * Creates the directory of the SQLite database at `file` (resolved against `base`, as
 * SQLite resolves it against the process's working directory), or throws an error that
 * names the database and the directory when it cannot be created (a file in the way, no
 * permission). Returns the directory, or undefined for an in-memory database.
 */
export function ensureSqliteDirectory(file: string, base = process.cwd()): string | undefined {
  if (isInMemorySqlite(file)) return undefined;
  const directory = path.dirname(path.resolve(base, file.replace(/\?.*$/, "")));
  try {
    mkdirSync(directory, { recursive: true });
  } catch (error) {
    throw new Error(`Cannot create the directory ${directory} for the SQLite database "${file}": ${(error as Error).message}. Create it, or point DATABASE_URL (file:…) somewhere writable.`, { cause: error });
  }
  return directory;
}
