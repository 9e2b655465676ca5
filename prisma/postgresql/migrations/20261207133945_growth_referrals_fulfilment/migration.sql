-- AlterTable
ALTER TABLE "Invitation" ADD COLUMN     "referrerId" INTEGER;

-- AlterTable
ALTER TABLE "Reward" ADD COLUMN     "instructions" JSONB,
ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'experience',
ADD COLUMN     "lowStockAt" INTEGER;

-- AlterTable
ALTER TABLE "Redemption" ADD COLUMN     "shippedAt" TIMESTAMP(3),
ADD COLUMN     "shippingAddress" JSONB,
ADD COLUMN     "trackingNumber" TEXT;

-- CreateTable
CREATE TABLE "VoucherCode" (
    "id" SERIAL NOT NULL,
    "rewardId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "redemptionId" INTEGER,
    "assignedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VoucherCode_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "VoucherCode_redemptionId_key" ON "VoucherCode"("redemptionId");

-- CreateIndex
CREATE INDEX "VoucherCode_rewardId_redemptionId_idx" ON "VoucherCode"("rewardId", "redemptionId");

-- CreateIndex
CREATE UNIQUE INDEX "VoucherCode_rewardId_code_key" ON "VoucherCode"("rewardId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_referrerId_key" ON "Invitation"("referrerId");

-- AddForeignKey
ALTER TABLE "VoucherCode" ADD CONSTRAINT "VoucherCode_rewardId_fkey" FOREIGN KEY ("rewardId") REFERENCES "Reward"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VoucherCode" ADD CONSTRAINT "VoucherCode_redemptionId_fkey" FOREIGN KEY ("redemptionId") REFERENCES "Redemption"("id") ON DELETE SET NULL ON UPDATE CASCADE;
