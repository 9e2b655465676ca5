-- CreateTable
CREATE TABLE "RateBucket" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "perSecond" REAL NOT NULL,
    "capacity" REAL NOT NULL,
    "tokens" REAL NOT NULL,
    "refilledAt" REAL NOT NULL
);

-- CreateIndex
CREATE INDEX "LedgerEntry_reference_idx" ON "LedgerEntry"("reference");
