-- AlterTable
ALTER TABLE "Manager" ADD COLUMN     "homeOpenedAt" TIMESTAMP(3);
