-- CreateTable
CREATE TABLE "SegmentExport" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shopId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "requestedAt" DATETIME NOT NULL,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "customersA" INTEGER NOT NULL DEFAULT 0,
    "customersB" INTEGER NOT NULL DEFAULT 0,
    "customersC" INTEGER NOT NULL DEFAULT 0,
    "toWrite" INTEGER NOT NULL DEFAULT 0,
    "written" INTEGER NOT NULL DEFAULT 0,
    "refused" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SegmentExport_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CustomerSegmentExport" (
    "customerId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shopId" INTEGER NOT NULL,
    "segment" TEXT NOT NULL,
    "exportedAt" DATETIME NOT NULL,
    CONSTRAINT "CustomerSegmentExport_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "SegmentExport_shopId_id_idx" ON "SegmentExport"("shopId", "id");

-- CreateIndex
CREATE INDEX "CustomerSegmentExport_shopId_idx" ON "CustomerSegmentExport"("shopId");

