// Test support: one installed shop and the production server over a fresh database, set up
// before a suite's tests and torn down after them (the arrangement most HTTP suites share).
import { afterAll, beforeAll } from "vitest";
import { startAppServer, type AppServer } from "./app-server";
import type { DatabaseKind } from "../db/database.server";
import { createTestDatabase, type TestDatabase } from "./databases";
import { arrangeInstalledShop } from "./requests";

export type InstalledShopServer = { readonly database: TestDatabase; readonly server: AppServer };

/** Call inside a `describe`; read `database` and `server` inside tests (they exist once `beforeAll` ran). */
export function useInstalledShopServer(shop: string, kind: DatabaseKind = "sqlite"): InstalledShopServer {
  let database: TestDatabase | undefined;
  let server: AppServer | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await arrangeInstalledShop(database, shop);
    server = await startAppServer({ databaseUrl: database.url });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });
  return {
    get database() {
      if (!database) throw new Error("useInstalledShopServer: read database inside a test");
      return database;
    },
    get server() {
      if (!server) throw new Error("useInstalledShopServer: read server inside a test");
      return server;
    },
  };
}
