-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "btree_gin";

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateIndex
CREATE INDEX "Customer_shopId_searchText_idx" ON "Customer" USING GIN ("shopId" int4_ops, "searchText" gin_trgm_ops);

