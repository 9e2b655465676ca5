-- CreateTable
CREATE TABLE "CycleScore" (
    "cycleId" INTEGER NOT NULL,
    "influencerId" INTEGER NOT NULL,
    "earned" INTEGER NOT NULL,
    "lastEntryId" INTEGER NOT NULL,
    "entries" INTEGER NOT NULL DEFAULT 1,

    PRIMARY KEY ("cycleId", "influencerId"),
    CONSTRAINT "CycleScore_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CycleScore_influencerId_fkey" FOREIGN KEY ("influencerId") REFERENCES "Influencer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CycleScoreBucket" (
    "cycleId" INTEGER NOT NULL,
    "earned" INTEGER NOT NULL,
    "people" INTEGER NOT NULL,

    PRIMARY KEY ("cycleId", "earned"),
    CONSTRAINT "CycleScoreBucket_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "CycleScore_cycleId_earned_lastEntryId_influencerId_idx" ON "CycleScore"("cycleId", "earned" DESC, "lastEntryId", "influencerId");

-- CreateIndex
CREATE INDEX "CycleScore_influencerId_idx" ON "CycleScore"("influencerId");

-- Backfill: the live standings of every existing ledger (people erased or gone have none),
-- then how many people hold each total.
INSERT INTO "CycleScore" ("cycleId", "influencerId", "earned", "lastEntryId", "entries")
SELECT e."cycleId", e."influencerId", SUM(e."amount"), MAX(e."id"), COUNT(*)
FROM "LedgerEntry" e JOIN "Influencer" i ON i."id" = e."influencerId"
WHERE e."kind" IN ('mission', 'adjustment') AND i."status" NOT IN ('deleted', 'left')
GROUP BY e."cycleId", e."influencerId";

INSERT INTO "CycleScoreBucket" ("cycleId", "earned", "people")
SELECT "cycleId", "earned", COUNT(*) FROM "CycleScore" GROUP BY "cycleId", "earned";
