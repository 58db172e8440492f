-- CreateTable
CREATE TABLE "HistoryImport" (
    "id" SERIAL NOT NULL,
    "shopId" INTEGER NOT NULL,
    "phase" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "bulkOperationGid" TEXT,
    "resultUrl" TEXT,
    "objectCount" BIGINT NOT NULL DEFAULT 0,
    "fileSize" BIGINT NOT NULL DEFAULT 0,
    "linesDone" BIGINT NOT NULL DEFAULT 0,
    "bytesDone" BIGINT NOT NULL DEFAULT 0,
    "customersImported" INTEGER NOT NULL DEFAULT 0,
    "ordersImported" INTEGER NOT NULL DEFAULT 0,
    "skippedLines" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),
    "grantedAt" TIMESTAMP(3),
    "grantedPoints" BIGINT NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HistoryImport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "HistoryImport_shopId_id_idx" ON "HistoryImport"("shopId", "id");

-- AddForeignKey
ALTER TABLE "HistoryImport" ADD CONSTRAINT "HistoryImport_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

