-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "attempt" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "previousReason" TEXT;
