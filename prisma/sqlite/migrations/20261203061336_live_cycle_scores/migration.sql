-- CreateTable
CREATE TABLE "CycleScore" (
    "cycleId" INTEGER NOT NULL,
    "influencerId" INTEGER NOT NULL,
    "earned" INTEGER NOT NULL,
    "lastEntryId" INTEGER NOT NULL,

    PRIMARY KEY ("cycleId", "influencerId"),
    CONSTRAINT "CycleScore_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CycleScore_influencerId_fkey" FOREIGN KEY ("influencerId") REFERENCES "Influencer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "CycleScore_cycleId_earned_lastEntryId_influencerId_idx" ON "CycleScore"("cycleId", "earned" DESC, "lastEntryId", "influencerId");

-- CreateIndex
CREATE INDEX "CycleScore_influencerId_idx" ON "CycleScore"("influencerId");

-- Backfill: the live standings of every existing ledger (idempotent: only pairs without a row).
INSERT INTO "CycleScore" ("cycleId", "influencerId", "earned", "lastEntryId")
SELECT e."cycleId", e."influencerId", SUM(e."amount"), MAX(e."id")
FROM "LedgerEntry" e
WHERE e."kind" IN ('mission', 'adjustment')
  AND NOT EXISTS (SELECT 1 FROM "CycleScore" s WHERE s."cycleId" = e."cycleId" AND s."influencerId" = e."influencerId")
GROUP BY e."cycleId", e."influencerId";
