-- CreateTable
CREATE TABLE "PendingForm" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "conversation" TEXT NOT NULL,
    "form" JSONB NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "PendingForm_expiresAt_idx" ON "PendingForm"("expiresAt");
