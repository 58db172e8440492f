-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "launchedAt" TIMESTAMP(3),
ADD COLUMN     "onboardedAt" TIMESTAMP(3),
ADD COLUMN     "settings" TEXT NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "ProgramVersion" ADD COLUMN     "createdByName" TEXT;

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "birthDay" INTEGER,
ADD COLUMN     "birthMonth" INTEGER,
ADD COLUMN     "birthYear" INTEGER,
ADD COLUMN     "birthdaySetAt" TIMESTAMP(3),
ADD COLUMN     "lastActivityAt" TIMESTAMP(3),
ADD COLUMN     "lastOrderAt" TIMESTAMP(3),
ADD COLUMN     "orderCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "searchText" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "syncRequestedAt" TIMESTAMP(3),
ADD COLUMN     "syncedAt" TIMESTAMP(3),
ADD COLUMN     "syncedState" TEXT,
ADD COLUMN     "tierBelowSince" TIMESTAMP(3),
ADD COLUMN     "tierId" TEXT,
ADD COLUMN     "tierSince" TIMESTAMP(3),
ADD COLUMN     "totalSpentMinor" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "eligibleMinor" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "lineTags" TEXT NOT NULL DEFAULT '{}',
ADD COLUMN     "multiplierPercent" INTEGER,
ADD COLUMN     "netSpendMinor" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "orderPoints" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "paidAt" TIMESTAMP(3),
ADD COLUMN     "pendingUntil" TIMESTAMP(3),
ADD COLUMN     "points" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "programVersion" INTEGER,
ADD COLUMN     "qualifies" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "shippingMinor" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "spendPoints" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "taxMinor" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "taxesIncluded" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "LedgerJournal" ADD COLUMN     "actorName" TEXT;

-- CreateTable
CREATE TABLE "Product" (
    "id" SERIAL NOT NULL,
    "shopId" INTEGER NOT NULL,
    "productGid" TEXT NOT NULL,
    "title" TEXT,
    "tags" TEXT NOT NULL,
    "shopifyUpdatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Product_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TierEvent" (
    "id" SERIAL NOT NULL,
    "shopId" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "fromTierId" TEXT,
    "toTierId" TEXT,
    "direction" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "programVersion" INTEGER,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "actor" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TierEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MemberEvent" (
    "id" SERIAL NOT NULL,
    "shopId" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "deliveredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MemberEvent_pkey" PRIMARY KEY ("id")
);

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

-- CreateIndex
CREATE INDEX "Customer_shopId_tierId_idx" ON "Customer"("shopId", "tierId");

-- CreateIndex
CREATE INDEX "Customer_shopId_pointsAvailable_id_idx" ON "Customer"("shopId", "pointsAvailable", "id");

-- CreateIndex
CREATE INDEX "Customer_shopId_lastOrderAt_id_idx" ON "Customer"("shopId", "lastOrderAt", "id");

-- CreateIndex
CREATE INDEX "Customer_shopId_birthMonth_birthDay_idx" ON "Customer"("shopId", "birthMonth", "birthDay");

-- CreateIndex
CREATE INDEX "Customer_shopId_syncRequestedAt_idx" ON "Customer"("shopId", "syncRequestedAt");

-- CreateIndex
CREATE INDEX "Order_shopId_pendingUntil_idx" ON "Order"("shopId", "pendingUntil");

-- AddForeignKey
ALTER TABLE "Product" ADD CONSTRAINT "Product_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TierEvent" ADD CONSTRAINT "TierEvent_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TierEvent" ADD CONSTRAINT "TierEvent_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemberEvent" ADD CONSTRAINT "MemberEvent_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemberEvent" ADD CONSTRAINT "MemberEvent_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Data: the members search reads this column.
UPDATE "Customer" SET "searchText" = lower(trim(coalesce("firstName", '') || ' ' || coalesce("lastName", '') || ' ' || coalesce("email", '')));
