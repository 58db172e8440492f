-- AlterTable
ALTER TABLE "Shop" ADD COLUMN "storefrontConfigPushed" TEXT;

