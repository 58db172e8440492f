-- CreateTable
CREATE TABLE "Redemption" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shopId" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "redemptionKey" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "rewardId" TEXT NOT NULL,
    "rewardSnapshot" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "value" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "programVersion" INTEGER,
    "requestedAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "materialisationKind" TEXT,
    "discountCode" TEXT,
    "discountId" TEXT,
    "storeCreditTransactionId" TEXT,
    "orderGid" TEXT,
    "releaseReason" TEXT,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Redemption_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Redemption_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
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
    "pointsHeld" BIGINT NOT NULL DEFAULT 0,
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
INSERT INTO "new_Customer" ("birthDay", "birthMonth", "birthYear", "birthdaySetAt", "createdAt", "customerGid", "email", "enrolledAt", "enrollmentSource", "firstName", "id", "lastActivityAt", "lastName", "lastOrderAt", "orderCount", "phone", "pointsAvailable", "pointsLifetime", "pointsPending", "redactedAt", "searchText", "shopId", "shopifyCreatedAt", "shopifyUpdatedAt", "syncRequestedAt", "syncedAt", "syncedState", "tierBelowSince", "tierId", "tierSince", "totalSpentMinor", "updatedAt") SELECT "birthDay", "birthMonth", "birthYear", "birthdaySetAt", "createdAt", "customerGid", "email", "enrolledAt", "enrollmentSource", "firstName", "id", "lastActivityAt", "lastName", "lastOrderAt", "orderCount", "phone", "pointsAvailable", "pointsLifetime", "pointsPending", "redactedAt", "searchText", "shopId", "shopifyCreatedAt", "shopifyUpdatedAt", "syncRequestedAt", "syncedAt", "syncedState", "tierBelowSince", "tierId", "tierSince", "totalSpentMinor", "updatedAt" FROM "Customer";
DROP TABLE "Customer";
ALTER TABLE "new_Customer" RENAME TO "Customer";
CREATE INDEX "Customer_shopId_enrolledAt_idx" ON "Customer"("shopId", "enrolledAt");
CREATE INDEX "Customer_shopId_tierId_idx" ON "Customer"("shopId", "tierId");
CREATE INDEX "Customer_shopId_pointsAvailable_id_idx" ON "Customer"("shopId", "pointsAvailable", "id");
CREATE INDEX "Customer_shopId_lastOrderAt_id_idx" ON "Customer"("shopId", "lastOrderAt", "id");
CREATE INDEX "Customer_shopId_searchText_id_idx" ON "Customer"("shopId", "searchText", "id");
CREATE INDEX "Customer_shopId_pointsLifetime_id_idx" ON "Customer"("shopId", "pointsLifetime", "id");
CREATE INDEX "Customer_shopId_enrolledAt_id_idx" ON "Customer"("shopId", "enrolledAt", "id");
CREATE INDEX "Customer_shopId_birthMonth_birthDay_idx" ON "Customer"("shopId", "birthMonth", "birthDay");
CREATE INDEX "Customer_shopId_syncRequestedAt_idx" ON "Customer"("shopId", "syncRequestedAt");
CREATE UNIQUE INDEX "Customer_shopId_customerGid_key" ON "Customer"("shopId", "customerGid");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Redemption_shopId_status_expiresAt_idx" ON "Redemption"("shopId", "status", "expiresAt");

-- CreateIndex
CREATE INDEX "Redemption_shopId_customerId_status_idx" ON "Redemption"("shopId", "customerId", "status");

-- CreateIndex
CREATE INDEX "Redemption_shopId_discountCode_idx" ON "Redemption"("shopId", "discountCode");

-- CreateIndex
CREATE UNIQUE INDEX "Redemption_shopId_customerId_idempotencyKey_key" ON "Redemption"("shopId", "customerId", "idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "Redemption_shopId_redemptionKey_key" ON "Redemption"("shopId", "redemptionKey");

