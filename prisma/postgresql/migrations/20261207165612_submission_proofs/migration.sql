-- CreateTable
CREATE TABLE "SubmissionProof" (
    "id" SERIAL NOT NULL,
    "submissionId" INTEGER NOT NULL,
    "platform" TEXT NOT NULL,
    "fileRef" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "sizeBytes" INTEGER,
    "fileName" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SubmissionProof_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SubmissionProof_submissionId_idx" ON "SubmissionProof"("submissionId");

-- AddForeignKey
ALTER TABLE "SubmissionProof" ADD CONSTRAINT "SubmissionProof_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;
