-- AlterTable (two added columns: ADD COLUMN instead of a table redefinition)
ALTER TABLE "Submission" ADD COLUMN "attempt" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "Submission" ADD COLUMN "previousReason" TEXT;
