-- CreateTable
CREATE TABLE "Influencer" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "status" TEXT NOT NULL DEFAULT 'onboarding',
    "displayName" TEXT,
    "locale" TEXT,
    "platformLocale" TEXT,
    "region" TEXT,
    "timezone" TEXT,
    "interests" JSONB NOT NULL DEFAULT [],
    "tags" JSONB NOT NULL DEFAULT [],
    "consentAt" DATETIME,
    "invitationId" INTEGER,
    "messagesPaused" BOOLEAN NOT NULL DEFAULT false,
    "leaderboardOptIn" BOOLEAN NOT NULL DEFAULT false,
    "onboardingStartedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "activatedAt" DATETIME,
    "deletedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Influencer_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "Invitation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PlatformAccount" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "influencerId" INTEGER NOT NULL,
    "platform" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "chatId" TEXT,
    "username" TEXT,
    "unreachableAt" DATETIME,
    "unreachableReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "PlatformAccount_influencerId_fkey" FOREIGN KEY ("influencerId") REFERENCES "Influencer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SocialHandle" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "influencerId" INTEGER NOT NULL,
    "network" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "profileUrl" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SocialHandle_influencerId_fkey" FOREIGN KEY ("influencerId") REFERENCES "Influencer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Invitation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "maxUses" INTEGER NOT NULL DEFAULT 1,
    "uses" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" DATETIME,
    "segmentTags" JSONB NOT NULL DEFAULT [],
    "note" TEXT,
    "revokedAt" DATETIME,
    "createdBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Conversation" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "influencerId" INTEGER,
    "flow" TEXT,
    "step" TEXT,
    "data" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" DATETIME,
    "lockOwner" TEXT,
    "lockedUntil" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ProcessedEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Mission" (
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
    "publishedAt" DATETIME,
    "closedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Participation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "missionId" INTEGER NOT NULL,
    "influencerId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'offered',
    "acceptedAt" DATETIME,
    "declinedAt" DATETIME,
    "submittedAt" DATETIME,
    "decidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Participation_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Participation_influencerId_fkey" FOREIGN KEY ("influencerId") REFERENCES "Influencer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Submission" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "participationId" INTEGER NOT NULL,
    "missionId" INTEGER NOT NULL,
    "influencerId" INTEGER NOT NULL,
    "url" TEXT NOT NULL,
    "originalUrl" TEXT NOT NULL,
    "network" TEXT NOT NULL,
    "postId" TEXT,
    "authorHandle" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "evidence" JSONB,
    "rejectionReason" TEXT,
    "checkAttempts" INTEGER NOT NULL DEFAULT 0,
    "nextCheckAt" DATETIME,
    "verifiedAt" DATETIME,
    "liveCheckedAt" DATETIME,
    "decidedBy" TEXT,
    "decidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Submission_participationId_fkey" FOREIGN KEY ("participationId") REFERENCES "Participation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Submission_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Submission_influencerId_fkey" FOREIGN KEY ("influencerId") REFERENCES "Influencer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Cycle" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "closedAt" DATETIME,
    "summary" JSONB,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "CycleStanding" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "cycleId" INTEGER NOT NULL,
    "influencerId" INTEGER NOT NULL,
    "rank" INTEGER NOT NULL,
    "points" INTEGER NOT NULL,
    "bonus" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "CycleStanding_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CycleStanding_influencerId_fkey" FOREIGN KEY ("influencerId") REFERENCES "Influencer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LedgerEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "influencerId" INTEGER NOT NULL,
    "cycleId" INTEGER NOT NULL,
    "amount" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "reason" TEXT,
    "reference" TEXT,
    "idempotencyKey" TEXT NOT NULL,
    "createdBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LedgerEntry_influencerId_fkey" FOREIGN KEY ("influencerId") REFERENCES "Influencer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LedgerEntry_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Reward" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "cost" INTEGER NOT NULL,
    "stock" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Redemption" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "rewardId" INTEGER NOT NULL,
    "influencerId" INTEGER NOT NULL,
    "cycleId" INTEGER NOT NULL,
    "cost" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "decidedBy" TEXT,
    "decidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Redemption_rewardId_fkey" FOREIGN KEY ("rewardId") REFERENCES "Reward" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Redemption_influencerId_fkey" FOREIGN KEY ("influencerId") REFERENCES "Influencer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Redemption_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "platform" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "influencerId" INTEGER,
    "purpose" TEXT NOT NULL,
    "batchKey" TEXT,
    "payload" JSONB NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "notBefore" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedBy" TEXT,
    "claimedUntil" DATETIME,
    "lastError" TEXT,
    "sentAt" DATETIME,
    "platformMessageId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "JobRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "jobKey" TEXT NOT NULL,
    "jobName" TEXT NOT NULL,
    "slot" DATETIME NOT NULL,
    "instanceId" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "outcome" TEXT NOT NULL DEFAULT 'running',
    "counts" JSONB,
    "error" TEXT
);

-- CreateTable
CREATE TABLE "TrackingLink" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "missionId" INTEGER,
    "influencerId" INTEGER,
    "targetUrl" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TrackingLink_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Click" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "trackingLinkId" INTEGER NOT NULL,
    "visitorHash" TEXT,
    "userAgent" TEXT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Click_trackingLinkId_fkey" FOREIGN KEY ("trackingLinkId") REFERENCES "TrackingLink" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Conversion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "trackingLinkId" INTEGER,
    "externalId" TEXT NOT NULL,
    "value" REAL NOT NULL DEFAULT 0,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Conversion_trackingLinkId_fkey" FOREIGN KEY ("trackingLinkId") REFERENCES "TrackingLink" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Manager" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "platform" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "name" TEXT,
    "role" TEXT NOT NULL DEFAULT 'manager',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "outcome" TEXT NOT NULL DEFAULT 'ok',
    "before" JSONB,
    "after" JSONB,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ProgramSetting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" JSONB NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "Influencer_status_idx" ON "Influencer"("status");

-- CreateIndex
CREATE INDEX "PlatformAccount_influencerId_idx" ON "PlatformAccount"("influencerId");

-- CreateIndex
CREATE UNIQUE INDEX "PlatformAccount_platform_externalId_key" ON "PlatformAccount"("platform", "externalId");

-- CreateIndex
CREATE INDEX "SocialHandle_influencerId_idx" ON "SocialHandle"("influencerId");

-- CreateIndex
CREATE UNIQUE INDEX "SocialHandle_network_handle_key" ON "SocialHandle"("network", "handle");

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_code_key" ON "Invitation"("code");

-- CreateIndex
CREATE INDEX "Conversation_influencerId_idx" ON "Conversation"("influencerId");

-- CreateIndex
CREATE INDEX "ProcessedEvent_expiresAt_idx" ON "ProcessedEvent"("expiresAt");

-- CreateIndex
CREATE INDEX "Mission_status_deadline_idx" ON "Mission"("status", "deadline");

-- CreateIndex
CREATE INDEX "Mission_status_startsAt_idx" ON "Mission"("status", "startsAt");

-- CreateIndex
CREATE INDEX "Participation_influencerId_status_idx" ON "Participation"("influencerId", "status");

-- CreateIndex
CREATE INDEX "Participation_missionId_status_idx" ON "Participation"("missionId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Participation_missionId_influencerId_key" ON "Participation"("missionId", "influencerId");

-- CreateIndex
CREATE UNIQUE INDEX "Submission_url_key" ON "Submission"("url");

-- CreateIndex
CREATE INDEX "Submission_status_nextCheckAt_idx" ON "Submission"("status", "nextCheckAt");

-- CreateIndex
CREATE INDEX "Submission_influencerId_idx" ON "Submission"("influencerId");

-- CreateIndex
CREATE INDEX "Submission_missionId_status_idx" ON "Submission"("missionId", "status");

-- CreateIndex
CREATE INDEX "Cycle_status_idx" ON "Cycle"("status");

-- CreateIndex
CREATE INDEX "Cycle_endsAt_idx" ON "Cycle"("endsAt");

-- CreateIndex
CREATE UNIQUE INDEX "Cycle_startsAt_key" ON "Cycle"("startsAt");

-- CreateIndex
CREATE INDEX "CycleStanding_cycleId_rank_idx" ON "CycleStanding"("cycleId", "rank");

-- CreateIndex
CREATE UNIQUE INDEX "CycleStanding_cycleId_influencerId_key" ON "CycleStanding"("cycleId", "influencerId");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerEntry_idempotencyKey_key" ON "LedgerEntry"("idempotencyKey");

-- CreateIndex
CREATE INDEX "LedgerEntry_cycleId_influencerId_idx" ON "LedgerEntry"("cycleId", "influencerId");

-- CreateIndex
CREATE INDEX "LedgerEntry_influencerId_createdAt_idx" ON "LedgerEntry"("influencerId", "createdAt");

-- CreateIndex
CREATE INDEX "Reward_active_idx" ON "Reward"("active");

-- CreateIndex
CREATE INDEX "Redemption_status_createdAt_idx" ON "Redemption"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Redemption_influencerId_idx" ON "Redemption"("influencerId");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_dedupeKey_key" ON "OutboxMessage"("dedupeKey");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_platform_notBefore_idx" ON "OutboxMessage"("status", "platform", "notBefore");

-- CreateIndex
CREATE INDEX "OutboxMessage_batchKey_status_idx" ON "OutboxMessage"("batchKey", "status");

-- CreateIndex
CREATE INDEX "OutboxMessage_influencerId_idx" ON "OutboxMessage"("influencerId");

-- CreateIndex
CREATE UNIQUE INDEX "JobRun_jobKey_key" ON "JobRun"("jobKey");

-- CreateIndex
CREATE INDEX "JobRun_jobName_startedAt_idx" ON "JobRun"("jobName", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "TrackingLink_code_key" ON "TrackingLink"("code");

-- CreateIndex
CREATE INDEX "TrackingLink_missionId_idx" ON "TrackingLink"("missionId");

-- CreateIndex
CREATE INDEX "TrackingLink_influencerId_idx" ON "TrackingLink"("influencerId");

-- CreateIndex
CREATE INDEX "Click_trackingLinkId_at_idx" ON "Click"("trackingLinkId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Conversion_externalId_key" ON "Conversion"("externalId");

-- CreateIndex
CREATE INDEX "Conversion_trackingLinkId_idx" ON "Conversion"("trackingLinkId");

-- CreateIndex
CREATE UNIQUE INDEX "Manager_platform_externalId_key" ON "Manager"("platform", "externalId");

-- CreateIndex
CREATE INDEX "AuditLog_targetType_targetId_idx" ON "AuditLog"("targetType", "targetId");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- CreateIndex
CREATE INDEX "AuditLog_actor_at_idx" ON "AuditLog"("actor", "at");
