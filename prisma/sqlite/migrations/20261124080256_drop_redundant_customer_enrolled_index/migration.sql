-- DropIndex
DROP INDEX "Customer_shopId_enrolledAt_idx";

