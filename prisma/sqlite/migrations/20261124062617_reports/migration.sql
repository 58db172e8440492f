-- CreateTable
CREATE TABLE "ReportSettings" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shopId" INTEGER NOT NULL,
    "settings" TEXT NOT NULL DEFAULT '{}',
    "goals" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ReportSettings_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ReportSettings_shopId_key" ON "ReportSettings"("shopId");

-- CreateIndex
CREATE INDEX "Order_shopId_customerId_processedAt_shopifyCreatedAt_cancelledAt_test_netSpendMinor_taxesIncluded_taxMinor_idx" ON "Order"("shopId", "customerId", "processedAt", "shopifyCreatedAt", "cancelledAt", "test", "netSpendMinor", "taxesIncluded", "taxMinor");

