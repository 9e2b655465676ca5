-- CreateTable
CREATE TABLE "ClickDaily" (
    "trackingLinkId" INTEGER NOT NULL,
    "day" DATETIME NOT NULL,
    "clicks" INTEGER NOT NULL,
    "previews" INTEGER NOT NULL,
    "uniques" INTEGER NOT NULL,

    PRIMARY KEY ("trackingLinkId", "day"),
    CONSTRAINT "ClickDaily_trackingLinkId_fkey" FOREIGN KEY ("trackingLinkId") REFERENCES "TrackingLink" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ClickDaily_day_idx" ON "ClickDaily"("day");

-- CreateIndex
CREATE INDEX "Click_at_idx" ON "Click"("at");
