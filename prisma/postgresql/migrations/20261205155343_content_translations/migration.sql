-- AlterTable
ALTER TABLE "Mission" ADD COLUMN     "translations" JSONB;

-- AlterTable
ALTER TABLE "Reward" ADD COLUMN     "translations" JSONB;
