import { Session } from "@shopify/shopify-api";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";
import type { Selectable } from "kysely";
import type { Db } from "../db/database.server";
import { prepared, slot } from "../db/prepared.server";
import type { SessionTable } from "../db/schema.generated";

type SessionRow = Selectable<SessionTable>;

/**
 * Shopify session storage on Wafa's own data layer, in the same table and columns as
 * Shopify's Prisma session storage. `authenticate.webhook` loads the offline session on
 * every webhook, so this read sits on the hot path (docs/decisions/0003-data-access.md).
 */
/** How long a loaded session is reused before it is read again (see loadSession). */
const CACHE_MILLISECONDS = 1000;
const CACHE_ENTRIES = 10_000;

export class KyselySessionStorage implements SessionStorage {
  readonly #cache = new Map<string, { row: SessionRow | null; loadedAt: number }>();

  /** `database` is read per call, so the storage follows the process's database. */
  constructor(private readonly database: () => Db) {}

  private get db(): Db {
    return this.database();
  }

  async storeSession(session: Session): Promise<boolean> {
    const row = sessionToRow(session);
    await this.db
      .insertInto("Session")
      .values(row)
      .onConflict((conflict) => conflict.column("id").doUpdateSet({ ...row }))
      .execute();
    this.#cache.delete(session.id);
    return true;
  }

  /**
   * authenticate.webhook loads the shop's offline session for every webhook. A session read
   * here is reused for up to a second (this process's own writes evict it at once): another
   * instance's uninstall or token refresh is seen within a second, and services still check
   * the shop's installation inside their transaction.
   */
  async loadSession(id: string): Promise<Session | undefined> {
    const now = Date.now();
    const cached = this.#cache.get(id);
    let row: SessionRow | null;
    if (cached && now - cached.loadedAt < CACHE_MILLISECONDS) {
      row = cached.row;
    } else {
      row = (await loadSessionQuery(this.db, [id])).rows[0] ?? null;
      if (this.#cache.size >= CACHE_ENTRIES) this.#cache.clear();
      this.#cache.set(id, { row, loadedAt: now });
    }
    return row ? rowToSession(row) : undefined;
  }

  async deleteSession(id: string): Promise<boolean> {
    await this.db.deleteFrom("Session").where("id", "=", id).execute();
    this.#cache.delete(id);
    return true;
  }

  async deleteSessions(ids: string[]): Promise<boolean> {
    if (ids.length > 0) await this.db.deleteFrom("Session").where("id", "in", ids).execute();
    for (const id of ids) this.#cache.delete(id);
    return true;
  }

  async findSessionsByShop(shop: string): Promise<Session[]> {
    const rows = await this.db.selectFrom("Session").selectAll().where("shop", "=", shop).execute();
    return rows.map(rowToSession);
  }
}

/** Read by authenticate.webhook on every webhook. */
const loadSessionQuery = prepared((db) => db.selectFrom("Session").selectAll().where("id", "=", slot<string>(0)));

function sessionToRow(session: Session): SessionRow {
  const user = session.onlineAccessInfo?.associated_user;
  return {
    id: session.id,
    shop: session.shop,
    state: session.state,
    isOnline: session.isOnline,
    scope: session.scope ?? null,
    expires: session.expires ?? null,
    accessToken: session.accessToken ?? "",
    userId: user?.id ?? null,
    firstName: user?.first_name ?? null,
    lastName: user?.last_name ?? null,
    email: user?.email ?? null,
    accountOwner: user?.account_owner ?? false,
    locale: user?.locale ?? null,
    collaborator: user?.collaborator ?? false,
    emailVerified: user?.email_verified ?? false,
    refreshToken: session.refreshToken ?? null,
    refreshTokenExpires: session.refreshTokenExpires ?? null,
  };
}

function rowToSession(row: SessionRow): Session {
  return new Session({
    id: row.id,
    shop: row.shop,
    state: row.state,
    isOnline: row.isOnline,
    ...(row.scope !== null ? { scope: row.scope } : {}),
    ...(row.expires ? { expires: row.expires } : {}),
    ...(row.accessToken ? { accessToken: row.accessToken } : {}),
    ...(row.refreshToken ? { refreshToken: row.refreshToken } : {}),
    ...(row.refreshTokenExpires ? { refreshTokenExpires: row.refreshTokenExpires } : {}),
    ...(row.userId !== null
      ? {
          onlineAccessInfo: {
            expires_in: 0,
            associated_user_scope: row.scope ?? "",
            associated_user: {
              id: row.userId,
              ...(row.firstName !== null ? { first_name: row.firstName } : {}),
              ...(row.lastName !== null ? { last_name: row.lastName } : {}),
              ...(row.email !== null ? { email: row.email } : {}),
              ...(row.locale !== null ? { locale: row.locale } : {}),
              account_owner: row.accountOwner,
              collaborator: row.collaborator ?? false,
              email_verified: row.emailVerified ?? false,
            },
          },
        }
      : {}),
  });
}
