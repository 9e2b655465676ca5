-- AlterTable
ALTER TABLE "Influencer" ADD COLUMN     "publicCode" TEXT;

-- AlterTable
ALTER TABLE "Mission" ADD COLUMN     "discountPrefix" TEXT,
ADD COLUMN     "landingUrl" TEXT;

-- AlterTable
ALTER TABLE "TrackingLink" ADD COLUMN     "participationId" INTEGER;

-- AlterTable
ALTER TABLE "Click" ADD COLUMN     "clickId" TEXT,
ADD COLUMN     "country" TEXT,
ADD COLUMN     "preview" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Conversion" ADD COLUMN     "amountMinor" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "attribution" TEXT NOT NULL DEFAULT 'none',
ADD COLUMN     "clickId" TEXT,
ADD COLUMN     "currency" TEXT,
ADD COLUMN     "discountCode" TEXT,
ADD COLUMN     "influencerId" INTEGER,
ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'order',
ADD COLUMN     "missionId" INTEGER,
ADD COLUMN     "orderId" TEXT,
ADD COLUMN     "refundId" TEXT,
ADD COLUMN     "source" TEXT;

-- CreateTable
CREATE TABLE "DiscountCode" (
    "id" SERIAL NOT NULL,
    "missionId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "participationId" INTEGER,
    "influencerId" INTEGER,
    "source" TEXT NOT NULL,
    "assignedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DiscountCode_pkey" PRIMARY KEY ("id")
);

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

-- CreateIndex
CREATE UNIQUE INDEX "Click_clickId_key" ON "Click"("clickId");

-- CreateIndex
CREATE INDEX "Conversion_missionId_idx" ON "Conversion"("missionId");

-- CreateIndex
CREATE INDEX "Conversion_influencerId_idx" ON "Conversion"("influencerId");

-- CreateIndex
CREATE INDEX "Conversion_orderId_idx" ON "Conversion"("orderId");

-- AddForeignKey
ALTER TABLE "DiscountCode" ADD CONSTRAINT "DiscountCode_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission"("id") ON DELETE CASCADE ON UPDATE CASCADE;
