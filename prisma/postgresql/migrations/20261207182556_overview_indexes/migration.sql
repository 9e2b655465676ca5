-- CreateIndex
CREATE INDEX "Influencer_deletedAt_createdAt_idx" ON "Influencer"("deletedAt", "createdAt");

-- CreateIndex
CREATE INDEX "Influencer_deletedAt_activatedAt_idx" ON "Influencer"("deletedAt", "activatedAt");

-- CreateIndex
CREATE INDEX "Influencer_invitationId_deletedAt_status_idx" ON "Influencer"("invitationId", "deletedAt", "status");

-- CreateIndex
CREATE INDEX "Participation_missionId_acceptedAt_influencerId_idx" ON "Participation"("missionId", "acceptedAt", "influencerId");

-- CreateIndex
CREATE INDEX "Submission_missionId_createdAt_status_influencerId_idx" ON "Submission"("missionId", "createdAt", "status", "influencerId");

-- CreateIndex
CREATE INDEX "Submission_createdAt_status_network_idx" ON "Submission"("createdAt", "status", "network");

-- Hand-written (not in the models, PostgreSQL only): the referral figures find ledger entries by
-- key prefix ("referral:"), a LIKE that a plain index answers only under the C collation. A
-- text_pattern_ops index answers it under any collation, instead of a scan of the whole ledger.
CREATE INDEX "LedgerEntry_idempotencyKey_pattern_idx" ON "LedgerEntry"("idempotencyKey" text_pattern_ops);
