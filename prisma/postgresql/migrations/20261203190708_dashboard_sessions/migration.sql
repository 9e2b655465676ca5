-- CreateTable
CREATE TABLE "DashboardSignInLink" (
    "id" SERIAL NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DashboardSignInLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DashboardSession" (
    "id" SERIAL NOT NULL,
    "idHash" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "csrfToken" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "DashboardSession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DashboardSignInLink_tokenHash_key" ON "DashboardSignInLink"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "DashboardSession_idHash_key" ON "DashboardSession"("idHash");

-- CreateIndex
CREATE INDEX "DashboardSession_actor_idx" ON "DashboardSession"("actor");
