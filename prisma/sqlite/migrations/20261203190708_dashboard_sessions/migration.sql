-- CreateTable
CREATE TABLE "DashboardSignInLink" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "tokenHash" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "DashboardSession" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "idHash" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "csrfToken" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "DashboardSignInLink_tokenHash_key" ON "DashboardSignInLink"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "DashboardSession_idHash_key" ON "DashboardSession"("idHash");

-- CreateIndex
CREATE INDEX "DashboardSession_actor_idx" ON "DashboardSession"("actor");
