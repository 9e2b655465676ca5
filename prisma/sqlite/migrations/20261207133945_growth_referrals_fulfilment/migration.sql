-- AlterTable
ALTER TABLE "Invitation" ADD COLUMN "referrerId" INTEGER;

-- AlterTable
ALTER TABLE "Redemption" ADD COLUMN "shippedAt" DATETIME;
ALTER TABLE "Redemption" ADD COLUMN "shippingAddress" JSONB;
ALTER TABLE "Redemption" ADD COLUMN "trackingNumber" TEXT;

-- CreateTable
CREATE TABLE "VoucherCode" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "rewardId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "redemptionId" INTEGER,
    "assignedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "VoucherCode_rewardId_fkey" FOREIGN KEY ("rewardId") REFERENCES "Reward" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "VoucherCode_redemptionId_fkey" FOREIGN KEY ("redemptionId") REFERENCES "Redemption" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Reward" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "cost" INTEGER NOT NULL,
    "stock" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "translations" JSONB,
    "kind" TEXT NOT NULL DEFAULT 'experience',
    "instructions" JSONB,
    "lowStockAt" INTEGER
);
INSERT INTO "new_Reward" ("active", "cost", "createdAt", "description", "id", "name", "stock", "translations", "updatedAt") SELECT "active", "cost", "createdAt", "description", "id", "name", "stock", "translations", "updatedAt" FROM "Reward";
DROP TABLE "Reward";
ALTER TABLE "new_Reward" RENAME TO "Reward";
CREATE INDEX "Reward_active_idx" ON "Reward"("active");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "VoucherCode_redemptionId_key" ON "VoucherCode"("redemptionId");

-- CreateIndex
CREATE INDEX "VoucherCode_rewardId_redemptionId_idx" ON "VoucherCode"("rewardId", "redemptionId");

-- CreateIndex
CREATE UNIQUE INDEX "VoucherCode_rewardId_code_key" ON "VoucherCode"("rewardId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_referrerId_key" ON "Invitation"("referrerId");
