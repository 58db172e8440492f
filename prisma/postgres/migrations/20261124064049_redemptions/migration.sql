-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "pointsHeld" BIGINT NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "Redemption" (
    "id" SERIAL NOT NULL,
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
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "materialisationKind" TEXT,
    "discountCode" TEXT,
    "discountId" TEXT,
    "storeCreditTransactionId" TEXT,
    "orderGid" TEXT,
    "releaseReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Redemption_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "Redemption" ADD CONSTRAINT "Redemption_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Redemption" ADD CONSTRAINT "Redemption_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

