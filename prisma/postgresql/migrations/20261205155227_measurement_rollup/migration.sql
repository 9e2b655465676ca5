-- CreateTable
CREATE TABLE "ClickDaily" (
    "trackingLinkId" INTEGER NOT NULL,
    "day" TIMESTAMP(3) NOT NULL,
    "clicks" INTEGER NOT NULL,
    "previews" INTEGER NOT NULL,
    "uniques" INTEGER NOT NULL,

    CONSTRAINT "ClickDaily_pkey" PRIMARY KEY ("trackingLinkId","day")
);

-- CreateIndex
CREATE INDEX "ClickDaily_day_idx" ON "ClickDaily"("day");

-- CreateIndex
CREATE INDEX "Click_at_idx" ON "Click"("at");

-- AddForeignKey
ALTER TABLE "ClickDaily" ADD CONSTRAINT "ClickDaily_trackingLinkId_fkey" FOREIGN KEY ("trackingLinkId") REFERENCES "TrackingLink"("id") ON DELETE CASCADE ON UPDATE CASCADE;
