-- CreateTable
CREATE TABLE "PendingForm" (
    "id" TEXT NOT NULL,
    "conversation" TEXT NOT NULL,
    "form" JSONB NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PendingForm_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PendingForm_expiresAt_idx" ON "PendingForm"("expiresAt");
