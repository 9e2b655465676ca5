-- CreateTable
CREATE TABLE "PostMetric" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "submissionId" INTEGER NOT NULL,
    "views" INTEGER,
    "likes" INTEGER,
    "comments" INTEGER,
    "source" TEXT NOT NULL,
    "seenAt" DATETIME NOT NULL,
    CONSTRAINT "PostMetric_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Mission" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" TEXT NOT NULL,
    "brief" TEXT NOT NULL,
    "dos" JSONB NOT NULL DEFAULT [],
    "donts" JSONB NOT NULL DEFAULT [],
    "hashtags" JSONB NOT NULL DEFAULT [],
    "mentions" JSONB NOT NULL DEFAULT [],
    "networks" JSONB NOT NULL DEFAULT [],
    "points" INTEGER NOT NULL,
    "startsAt" DATETIME,
    "deadline" DATETIME NOT NULL,
    "cap" INTEGER,
    "segment" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "acceptedCount" INTEGER NOT NULL DEFAULT 0,
    "sourceMissionId" INTEGER,
    "createdBy" TEXT,
    "landingUrl" TEXT,
    "discountPrefix" TEXT,
    "publishedAt" DATETIME,
    "closedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "translations" JSONB,
    "pointsPerConversion" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "new_Mission" ("acceptedCount", "brief", "cap", "closedAt", "createdAt", "createdBy", "deadline", "discountPrefix", "donts", "dos", "hashtags", "id", "landingUrl", "mentions", "networks", "points", "publishedAt", "segment", "sourceMissionId", "startsAt", "status", "title", "translations", "updatedAt") SELECT "acceptedCount", "brief", "cap", "closedAt", "createdAt", "createdBy", "deadline", "discountPrefix", "donts", "dos", "hashtags", "id", "landingUrl", "mentions", "networks", "points", "publishedAt", "segment", "sourceMissionId", "startsAt", "status", "title", "translations", "updatedAt" FROM "Mission";
DROP TABLE "Mission";
ALTER TABLE "new_Mission" RENAME TO "Mission";
CREATE INDEX "Mission_status_deadline_idx" ON "Mission"("status", "deadline");
CREATE INDEX "Mission_status_startsAt_idx" ON "Mission"("status", "startsAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "PostMetric_submissionId_seenAt_idx" ON "PostMetric"("submissionId", "seenAt");
