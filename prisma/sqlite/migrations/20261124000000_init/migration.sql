-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "isOnline" BOOLEAN NOT NULL DEFAULT false,
    "scope" TEXT,
    "expires" DATETIME,
    "accessToken" TEXT NOT NULL,
    "userId" BIGINT,
    "firstName" TEXT,
    "lastName" TEXT,
    "email" TEXT,
    "accountOwner" BOOLEAN NOT NULL DEFAULT false,
    "locale" TEXT,
    "collaborator" BOOLEAN DEFAULT false,
    "emailVerified" BOOLEAN DEFAULT false,
    "refreshToken" TEXT,
    "refreshTokenExpires" DATETIME
);

-- CreateTable
CREATE TABLE "Shop" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "domain" TEXT NOT NULL,
    "name" TEXT,
    "currencyCode" TEXT NOT NULL DEFAULT 'USD',
    "ianaTimezone" TEXT,
    "countTestOrders" BOOLEAN NOT NULL DEFAULT false,
    "scopes" TEXT,
    "installedAt" DATETIME,
    "uninstalledAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ProgramVersion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shopId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "rules" TEXT NOT NULL,
    "effectiveAt" DATETIME NOT NULL,
    "createdBy" TEXT,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "ProgramVersion_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Customer" (
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
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Customer_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Order" (
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
    "giftCardMinor" BIGINT NOT NULL,
    "includedRefundGids" TEXT NOT NULL,
    "lineItems" TEXT NOT NULL,
    "discountCodes" TEXT NOT NULL,
    "sourceName" TEXT,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Order_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Order_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OrderRefund" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shopId" INTEGER NOT NULL,
    "refundGid" TEXT NOT NULL,
    "orderGid" TEXT NOT NULL,
    "processedAt" DATETIME,
    "lineSubtotalMinor" BIGINT NOT NULL,
    "giftCardMinor" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "lineItems" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "OrderRefund_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LedgerJournal" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shopId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "customerId" INTEGER,
    "orderGid" TEXT,
    "programVersion" INTEGER,
    "occurredAt" DATETIME NOT NULL,
    "memo" TEXT,
    "actor" TEXT,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "LedgerJournal_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LedgerLine" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "journalId" INTEGER NOT NULL,
    "shopId" INTEGER NOT NULL,
    "account" TEXT NOT NULL,
    "customerId" INTEGER,
    "points" BIGINT NOT NULL,
    CONSTRAINT "LedgerLine_journalId_fkey" FOREIGN KEY ("journalId") REFERENCES "LedgerJournal" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LedgerLine_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LedgerLine_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE NO ACTION ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DeadLetter" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shopDomain" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "webhookId" TEXT,
    "reason" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "CustomerDataExport" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shopId" INTEGER NOT NULL,
    "customerGid" TEXT NOT NULL,
    "dataRequestId" TEXT,
    "export" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "CustomerDataExport_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Session_shop_idx" ON "Session"("shop");

-- CreateIndex
CREATE UNIQUE INDEX "Shop_domain_key" ON "Shop"("domain");

-- CreateIndex
CREATE UNIQUE INDEX "ProgramVersion_shopId_version_key" ON "ProgramVersion"("shopId", "version");

-- CreateIndex
CREATE INDEX "Customer_shopId_enrolledAt_idx" ON "Customer"("shopId", "enrolledAt");

-- CreateIndex
CREATE UNIQUE INDEX "Customer_shopId_customerGid_key" ON "Customer"("shopId", "customerGid");

-- CreateIndex
CREATE INDEX "Order_shopId_customerId_idx" ON "Order"("shopId", "customerId");

-- CreateIndex
CREATE INDEX "Order_shopId_shopifyCreatedAt_idx" ON "Order"("shopId", "shopifyCreatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Order_shopId_orderGid_key" ON "Order"("shopId", "orderGid");

-- CreateIndex
CREATE INDEX "OrderRefund_shopId_orderGid_idx" ON "OrderRefund"("shopId", "orderGid");

-- CreateIndex
CREATE UNIQUE INDEX "OrderRefund_shopId_refundGid_key" ON "OrderRefund"("shopId", "refundGid");

-- CreateIndex
CREATE INDEX "LedgerJournal_shopId_orderGid_idx" ON "LedgerJournal"("shopId", "orderGid");

-- CreateIndex
CREATE INDEX "LedgerJournal_shopId_customerId_idx" ON "LedgerJournal"("shopId", "customerId");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerJournal_shopId_key_key" ON "LedgerJournal"("shopId", "key");

-- CreateIndex
CREATE INDEX "LedgerLine_journalId_idx" ON "LedgerLine"("journalId");

-- CreateIndex
CREATE INDEX "LedgerLine_shopId_customerId_account_idx" ON "LedgerLine"("shopId", "customerId", "account");

-- CreateIndex
CREATE INDEX "DeadLetter_shopDomain_receivedAt_idx" ON "DeadLetter"("shopDomain", "receivedAt");

-- CreateIndex
CREATE INDEX "CustomerDataExport_shopId_customerGid_idx" ON "CustomerDataExport"("shopId", "customerGid");

