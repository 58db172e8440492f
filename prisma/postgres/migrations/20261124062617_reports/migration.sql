-- CreateTable
CREATE TABLE "ReportSettings" (
    "id" SERIAL NOT NULL,
    "shopId" INTEGER NOT NULL,
    "settings" TEXT NOT NULL DEFAULT '{}',
    "goals" TEXT NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReportSettings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReportSettings_shopId_key" ON "ReportSettings"("shopId");

-- CreateIndex
CREATE INDEX "Order_shopId_customerId_processedAt_shopifyCreatedAt_cancel_idx" ON "Order"("shopId", "customerId", "processedAt", "shopifyCreatedAt", "cancelledAt", "test", "netSpendMinor", "taxesIncluded", "taxMinor");

-- AddForeignKey
ALTER TABLE "ReportSettings" ADD CONSTRAINT "ReportSettings_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

