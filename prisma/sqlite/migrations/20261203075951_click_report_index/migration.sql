-- CreateIndex
CREATE INDEX "Click_trackingLinkId_visitorHash_preview_at_idx" ON "Click"("trackingLinkId", "visitorHash", "preview", "at");
