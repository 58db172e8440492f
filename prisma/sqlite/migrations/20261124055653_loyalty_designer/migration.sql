-- AlterTable
ALTER TABLE "ProgramVersion" ADD COLUMN "createdByName" TEXT;

-- AlterTable
ALTER TABLE "LedgerJournal" ADD COLUMN "actorName" TEXT;

-- CreateTable
CREATE TABLE "Product" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shopId" INTEGER NOT NULL,
    "productGid" TEXT NOT NULL,
    "title" TEXT,
    "tags" TEXT NOT NULL,
    "shopifyUpdatedAt" DATETIME NOT NULL,
    "deletedAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Product_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TierEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shopId" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "fromTierId" TEXT,
    "toTierId" TEXT,
    "direction" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "programVersion" INTEGER,
    "occurredAt" DATETIME NOT NULL,
    "actor" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "TierEvent_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TierEvent_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MemberEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shopId" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "occurredAt" DATETIME NOT NULL,
    "deliveredAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "MemberEvent_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MemberEvent_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Shop" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "domain" TEXT NOT NULL,
    "name" TEXT,
    "currencyCode" TEXT NOT NULL DEFAULT 'USD',
    "ianaTimezone" TEXT,
    "countTestOrders" BOOLEAN NOT NULL DEFAULT false,
    "settings" TEXT NOT NULL DEFAULT '{}',
    "onboardedAt" DATETIME,
    "launchedAt" DATETIME,
    "scopes" TEXT,
    "installedAt" DATETIME,
    "uninstalledAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Shop" ("countTestOrders", "createdAt", "currencyCode", "domain", "ianaTimezone", "id", "installedAt", "name", "scopes", "uninstalledAt", "updatedAt") SELECT "countTestOrders", "createdAt", "currencyCode", "domain", "ianaTimezone", "id", "installedAt", "name", "scopes", "uninstalledAt", "updatedAt" FROM "Shop";
DROP TABLE "Shop";
ALTER TABLE "new_Shop" RENAME TO "Shop";
CREATE UNIQUE INDEX "Shop_domain_key" ON "Shop"("domain");
CREATE TABLE "new_Customer" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shopId" INTEGER NOT NULL,
    "customerGid" TEXT NOT NULL,
    "email" TEXT,
    "firstName" TEXT,
    "lastName" TEXT,
    "phone" TEXT,
    "shopifyCreatedAt" DATETIME,
    "shopifyUpdatedAt" DATETIME,
    "enrolledAt" DATETIME,
    "enrollmentSource" TEXT,
    "redactedAt" DATETIME,
    "pointsAvailable" BIGINT NOT NULL DEFAULT 0,
    "pointsPending" BIGINT NOT NULL DEFAULT 0,
    "pointsLifetime" BIGINT NOT NULL DEFAULT 0,
    "searchText" TEXT NOT NULL DEFAULT '',
    "birthMonth" INTEGER,
    "birthDay" INTEGER,
    "birthYear" INTEGER,
    "birthdaySetAt" DATETIME,
    "tierId" TEXT,
    "tierSince" DATETIME,
    "tierBelowSince" DATETIME,
    "orderCount" INTEGER NOT NULL DEFAULT 0,
    "totalSpentMinor" BIGINT NOT NULL DEFAULT 0,
    "lastOrderAt" DATETIME,
    "lastActivityAt" DATETIME,
    "syncRequestedAt" DATETIME,
    "syncedAt" DATETIME,
    "syncedState" TEXT,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Customer_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Customer" ("createdAt", "customerGid", "email", "enrolledAt", "enrollmentSource", "firstName", "id", "lastName", "phone", "pointsAvailable", "pointsLifetime", "pointsPending", "redactedAt", "shopId", "shopifyCreatedAt", "shopifyUpdatedAt", "updatedAt") SELECT "createdAt", "customerGid", "email", "enrolledAt", "enrollmentSource", "firstName", "id", "lastName", "phone", "pointsAvailable", "pointsLifetime", "pointsPending", "redactedAt", "shopId", "shopifyCreatedAt", "shopifyUpdatedAt", "updatedAt" FROM "Customer";
DROP TABLE "Customer";
ALTER TABLE "new_Customer" RENAME TO "Customer";
CREATE INDEX "Customer_shopId_enrolledAt_idx" ON "Customer"("shopId", "enrolledAt");
CREATE INDEX "Customer_shopId_tierId_idx" ON "Customer"("shopId", "tierId");
CREATE INDEX "Customer_shopId_pointsAvailable_id_idx" ON "Customer"("shopId", "pointsAvailable", "id");
CREATE INDEX "Customer_shopId_lastOrderAt_id_idx" ON "Customer"("shopId", "lastOrderAt", "id");
CREATE INDEX "Customer_shopId_birthMonth_birthDay_idx" ON "Customer"("shopId", "birthMonth", "birthDay");
CREATE INDEX "Customer_shopId_syncRequestedAt_idx" ON "Customer"("shopId", "syncRequestedAt");
CREATE UNIQUE INDEX "Customer_shopId_customerGid_key" ON "Customer"("shopId", "customerGid");
CREATE TABLE "new_Order" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shopId" INTEGER NOT NULL,
    "orderGid" TEXT NOT NULL,
    "customerId" INTEGER,
    "name" TEXT,
    "test" BOOLEAN NOT NULL DEFAULT false,
    "financialStatus" TEXT,
    "cancelledAt" DATETIME,
    "shopifyCreatedAt" DATETIME NOT NULL,
    "processedAt" DATETIME,
    "shopifyUpdatedAt" DATETIME NOT NULL,
    "snapshotRank" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "subtotalMinor" BIGINT NOT NULL,
    "totalMinor" BIGINT NOT NULL,
    "discountsMinor" BIGINT NOT NULL,
    "shippingMinor" BIGINT NOT NULL DEFAULT 0,
    "taxMinor" BIGINT NOT NULL DEFAULT 0,
    "taxesIncluded" BOOLEAN NOT NULL DEFAULT false,
    "giftCardMinor" BIGINT NOT NULL,
    "includedRefundGids" TEXT NOT NULL,
    "lineItems" TEXT NOT NULL,
    "discountCodes" TEXT NOT NULL,
    "sourceName" TEXT,
    "lineTags" TEXT NOT NULL DEFAULT '{}',
    "paidAt" DATETIME,
    "multiplierPercent" INTEGER,
    "programVersion" INTEGER,
    "qualifies" BOOLEAN NOT NULL DEFAULT false,
    "netSpendMinor" BIGINT NOT NULL DEFAULT 0,
    "eligibleMinor" BIGINT NOT NULL DEFAULT 0,
    "spendPoints" BIGINT NOT NULL DEFAULT 0,
    "orderPoints" BIGINT NOT NULL DEFAULT 0,
    "points" BIGINT NOT NULL DEFAULT 0,
    "pendingUntil" DATETIME,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Order_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Order_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Order" ("cancelledAt", "createdAt", "currency", "customerId", "discountCodes", "discountsMinor", "financialStatus", "giftCardMinor", "id", "includedRefundGids", "lineItems", "name", "orderGid", "processedAt", "shopId", "shopifyCreatedAt", "shopifyUpdatedAt", "snapshotRank", "sourceName", "subtotalMinor", "test", "totalMinor", "updatedAt") SELECT "cancelledAt", "createdAt", "currency", "customerId", "discountCodes", "discountsMinor", "financialStatus", "giftCardMinor", "id", "includedRefundGids", "lineItems", "name", "orderGid", "processedAt", "shopId", "shopifyCreatedAt", "shopifyUpdatedAt", "snapshotRank", "sourceName", "subtotalMinor", "test", "totalMinor", "updatedAt" FROM "Order";
DROP TABLE "Order";
ALTER TABLE "new_Order" RENAME TO "Order";
CREATE INDEX "Order_shopId_customerId_idx" ON "Order"("shopId", "customerId");
CREATE INDEX "Order_shopId_shopifyCreatedAt_idx" ON "Order"("shopId", "shopifyCreatedAt");
CREATE INDEX "Order_shopId_pendingUntil_idx" ON "Order"("shopId", "pendingUntil");
CREATE UNIQUE INDEX "Order_shopId_orderGid_key" ON "Order"("shopId", "orderGid");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Product_shopId_productGid_key" ON "Product"("shopId", "productGid");

-- CreateIndex
CREATE INDEX "TierEvent_shopId_customerId_idx" ON "TierEvent"("shopId", "customerId");

-- CreateIndex
CREATE INDEX "TierEvent_shopId_occurredAt_idx" ON "TierEvent"("shopId", "occurredAt");

-- CreateIndex
CREATE INDEX "MemberEvent_shopId_customerId_idx" ON "MemberEvent"("shopId", "customerId");

-- CreateIndex
CREATE INDEX "MemberEvent_shopId_deliveredAt_idx" ON "MemberEvent"("shopId", "deliveredAt");

-- CreateIndex
CREATE UNIQUE INDEX "MemberEvent_shopId_key_key" ON "MemberEvent"("shopId", "key");


-- Data: the members search reads this column.
UPDATE "Customer" SET "searchText" = lower(trim(coalesce("firstName", '') || ' ' || coalesce("lastName", '') || ' ' || coalesce("email", '')));
