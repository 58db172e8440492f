-- CreateIndex
CREATE INDEX "Customer_shopId_searchText_id_idx" ON "Customer"("shopId", "searchText", "id");

-- CreateIndex
CREATE INDEX "Customer_shopId_pointsLifetime_id_idx" ON "Customer"("shopId", "pointsLifetime", "id");

-- CreateIndex
CREATE INDEX "Customer_shopId_enrolledAt_id_idx" ON "Customer"("shopId", "enrolledAt", "id");

