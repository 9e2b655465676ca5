-- AlterTable
ALTER TABLE "Influencer" ADD COLUMN "publicCode" TEXT;

-- AlterTable
ALTER TABLE "Mission" ADD COLUMN "discountPrefix" TEXT;
ALTER TABLE "Mission" ADD COLUMN "landingUrl" TEXT;

-- AlterTable
ALTER TABLE "TrackingLink" ADD COLUMN "participationId" INTEGER;

-- CreateTable
CREATE TABLE "DiscountCode" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "missionId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "participationId" INTEGER,
    "influencerId" INTEGER,
    "source" TEXT NOT NULL,
    "assignedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DiscountCode_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Click" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "trackingLinkId" INTEGER NOT NULL,
    "visitorHash" TEXT,
    "userAgent" TEXT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "clickId" TEXT,
    "preview" BOOLEAN NOT NULL DEFAULT false,
    "country" TEXT,
    CONSTRAINT "Click_trackingLinkId_fkey" FOREIGN KEY ("trackingLinkId") REFERENCES "TrackingLink" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Click" ("at", "id", "trackingLinkId", "userAgent", "visitorHash") SELECT "at", "id", "trackingLinkId", "userAgent", "visitorHash" FROM "Click";
DROP TABLE "Click";
ALTER TABLE "new_Click" RENAME TO "Click";
CREATE UNIQUE INDEX "Click_clickId_key" ON "Click"("clickId");
CREATE INDEX "Click_trackingLinkId_at_idx" ON "Click"("trackingLinkId", "at");
CREATE TABLE "new_Conversion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "trackingLinkId" INTEGER,
    "externalId" TEXT NOT NULL,
    "value" REAL NOT NULL DEFAULT 0,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL DEFAULT 'order',
    "orderId" TEXT,
    "refundId" TEXT,
    "amountMinor" INTEGER NOT NULL DEFAULT 0,
    "currency" TEXT,
    "attribution" TEXT NOT NULL DEFAULT 'none',
    "clickId" TEXT,
    "discountCode" TEXT,
    "missionId" INTEGER,
    "influencerId" INTEGER,
    "source" TEXT,
    CONSTRAINT "Conversion_trackingLinkId_fkey" FOREIGN KEY ("trackingLinkId") REFERENCES "TrackingLink" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Conversion" ("at", "externalId", "id", "trackingLinkId", "value") SELECT "at", "externalId", "id", "trackingLinkId", "value" FROM "Conversion";
DROP TABLE "Conversion";
ALTER TABLE "new_Conversion" RENAME TO "Conversion";
CREATE UNIQUE INDEX "Conversion_externalId_key" ON "Conversion"("externalId");
CREATE INDEX "Conversion_trackingLinkId_idx" ON "Conversion"("trackingLinkId");
CREATE INDEX "Conversion_missionId_idx" ON "Conversion"("missionId");
CREATE INDEX "Conversion_influencerId_idx" ON "Conversion"("influencerId");
CREATE INDEX "Conversion_orderId_idx" ON "Conversion"("orderId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "DiscountCode_code_key" ON "DiscountCode"("code");

-- CreateIndex
CREATE UNIQUE INDEX "DiscountCode_participationId_key" ON "DiscountCode"("participationId");

-- CreateIndex
CREATE INDEX "DiscountCode_missionId_participationId_idx" ON "DiscountCode"("missionId", "participationId");

-- CreateIndex
CREATE UNIQUE INDEX "Influencer_publicCode_key" ON "Influencer"("publicCode");

-- CreateIndex
CREATE UNIQUE INDEX "TrackingLink_participationId_key" ON "TrackingLink"("participationId");
