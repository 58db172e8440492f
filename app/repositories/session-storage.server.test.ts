import { Session } from "@shopify/shopify-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { KyselySessionStorage } from "./session-storage.server";

const online = new Session({
  id: "online_shop.myshopify.com_42",
  shop: "shop.myshopify.com",
  state: "nonce",
  isOnline: true,
  scope: "read_orders",
  expires: new Date("2026-12-01T00:00:00.000Z"),
  accessToken: "shpua_online",
  onlineAccessInfo: {
    expires_in: 86399,
    associated_user_scope: "read_orders",
    associated_user: { id: 42, first_name: "Hana", last_name: "Yousef", email: "hana@example.com", email_verified: true, account_owner: true, locale: "ar", collaborator: false },
  },
});
const offline = new Session({
  id: "offline_shop.myshopify.com",
  shop: "shop.myshopify.com",
  state: "",
  isOnline: false,
  scope: "read_orders,write_customers",
  expires: new Date("2026-12-01T01:00:00.000Z"),
  accessToken: "shpat_offline",
  refreshToken: "shprt_offline",
  refreshTokenExpires: new Date("2027-03-01T00:00:00.000Z"),
});

describe.each(DATABASE_KINDS)("KyselySessionStorage on %s", (kind) => {
  let database: TestDatabase;
  let storage: KyselySessionStorage;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    storage = new KyselySessionStorage(() => database.db);
  });
  afterAll(() => database.drop());

  it("stores and loads online and offline sessions with every field", async () => {
    await storage.storeSession(online);
    await storage.storeSession(offline);
    // expires_in is relative to the token exchange and has no column (Shopify's table layout);
    // the absolute `expires` is what persists.
    const { onlineAccessInfo, ...rest } = online.toObject();
    expect((await storage.loadSession(online.id))?.toObject()).toEqual({ ...rest, onlineAccessInfo: { ...onlineAccessInfo, expires_in: 0 } });
    expect((await storage.loadSession(offline.id))?.toObject()).toEqual(offline.toObject());
    expect((await storage.findSessionsByShop("shop.myshopify.com")).map((session) => session.id).sort()).toEqual([offline.id, online.id].sort());
  });

  it("answers its own writes at once, despite the cache", async () => {
    await storage.loadSession(offline.id);
    const refreshed = new Session({ ...offline.toObject(), accessToken: "shpat_refreshed" });
    await storage.storeSession(refreshed);
    expect((await storage.loadSession(offline.id))?.accessToken).toBe("shpat_refreshed");
    await storage.deleteSession(offline.id);
    expect(await storage.loadSession(offline.id)).toBeUndefined();
    await storage.deleteSessions([online.id]);
    expect(await storage.findSessionsByShop("shop.myshopify.com")).toEqual([]);
  });

  it("sees another writer's change once the cached read is a second old", async () => {
    const other = new KyselySessionStorage(() => database.db);
    await storage.storeSession(offline);
    expect(await storage.loadSession(offline.id)).toBeDefined();
    await other.deleteSession(offline.id);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await storage.loadSession(offline.id)).toBeUndefined();
  });

  it("answers an unknown id with undefined", async () => {
    expect(await storage.loadSession("offline_nobody.myshopify.com")).toBeUndefined();
  });
});
