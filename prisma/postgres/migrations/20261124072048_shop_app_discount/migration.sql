-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "appDiscountId" TEXT;

