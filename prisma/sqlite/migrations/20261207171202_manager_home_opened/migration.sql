-- AlterTable
ALTER TABLE "Manager" ADD COLUMN "homeOpenedAt" DATETIME;
