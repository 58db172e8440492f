-- CreateTable
CREATE TABLE "SegmentExport" (
    "id" SERIAL NOT NULL,
    "shopId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "customersA" INTEGER NOT NULL DEFAULT 0,
    "customersB" INTEGER NOT NULL DEFAULT 0,
    "customersC" INTEGER NOT NULL DEFAULT 0,
    "toWrite" INTEGER NOT NULL DEFAULT 0,
    "written" INTEGER NOT NULL DEFAULT 0,
    "refused" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SegmentExport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustomerSegmentExport" (
    "customerId" INTEGER NOT NULL,
    "shopId" INTEGER NOT NULL,
    "segment" TEXT NOT NULL,
    "exportedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CustomerSegmentExport_pkey" PRIMARY KEY ("customerId")
);

-- CreateIndex
CREATE INDEX "SegmentExport_shopId_id_idx" ON "SegmentExport"("shopId", "id");

-- CreateIndex
CREATE INDEX "CustomerSegmentExport_shopId_idx" ON "CustomerSegmentExport"("shopId");

-- AddForeignKey
ALTER TABLE "SegmentExport" ADD CONSTRAINT "SegmentExport_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerSegmentExport" ADD CONSTRAINT "CustomerSegmentExport_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

