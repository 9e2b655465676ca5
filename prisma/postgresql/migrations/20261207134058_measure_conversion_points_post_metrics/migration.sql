-- AlterTable
ALTER TABLE "Mission" ADD COLUMN     "pointsPerConversion" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "PostMetric" (
    "id" SERIAL NOT NULL,
    "submissionId" INTEGER NOT NULL,
    "views" INTEGER,
    "likes" INTEGER,
    "comments" INTEGER,
    "source" TEXT NOT NULL,
    "seenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PostMetric_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PostMetric_submissionId_seenAt_idx" ON "PostMetric"("submissionId", "seenAt");

-- AddForeignKey
ALTER TABLE "PostMetric" ADD CONSTRAINT "PostMetric_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;
