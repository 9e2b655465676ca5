-- CreateTable
CREATE TABLE "CycleFunnel" (
    "cycleId" INTEGER NOT NULL,
    "influencerId" INTEGER NOT NULL,
    "accepted" INTEGER NOT NULL,
    "submitted" INTEGER NOT NULL,
    "approved" INTEGER NOT NULL,

    PRIMARY KEY ("cycleId", "influencerId")
);

-- CreateIndex
CREATE INDEX "CycleFunnel_cycleId_influencerId_accepted_submitted_approved_idx" ON "CycleFunnel"("cycleId", "influencerId", "accepted", "submitted", "approved");

-- CreateIndex
CREATE INDEX "Participation_acceptedAt_idx" ON "Participation"("acceptedAt");

-- Kept by hand below (issue 14): the schema cannot express triggers. CycleFunnel follows every
-- Participation and Submission write in the writer's transaction (the journey, reviews, the
-- verification job, cascades from a deleted person or mission). A row counts in every cycle whose
-- window [startsAt, endsAt) holds its time: acceptedAt for a participation, createdAt for a
-- submission (approved: status verified or approved). A cycle that is created is filled from the
-- rows already in its window, one whose bounds move is rebuilt, one that is deleted takes its rows.

-- Backfill
INSERT INTO "CycleFunnel" ("cycleId", "influencerId", "accepted", "submitted", "approved")
SELECT c."id", x."influencerId", SUM(x."a"), SUM(x."s"), SUM(x."ap") FROM "Cycle" c JOIN (
  SELECT p."influencerId", p."acceptedAt" AS "at", 1 AS "a", 0 AS "s", 0 AS "ap" FROM "Participation" p WHERE p."acceptedAt" IS NOT NULL
  UNION ALL SELECT s."influencerId", s."createdAt", 0, 1, CASE WHEN s."status" IN ('verified', 'approved') THEN 1 ELSE 0 END FROM "Submission" s
) x ON x."at" >= c."startsAt" AND x."at" < c."endsAt"
WHERE true GROUP BY c."id", x."influencerId";

-- CreateTrigger
CREATE TRIGGER "Participation_funnel_insert" AFTER INSERT ON "Participation" WHEN NEW."acceptedAt" IS NOT NULL BEGIN
  INSERT INTO "CycleFunnel" ("cycleId", "influencerId", "accepted", "submitted", "approved")
  SELECT c."id", NEW."influencerId", 1, 0, 0 FROM "Cycle" c WHERE c."startsAt" <= NEW."acceptedAt" AND c."endsAt" > NEW."acceptedAt"
  ON CONFLICT ("cycleId", "influencerId") DO UPDATE SET "accepted" = "accepted" + excluded."accepted";
END;
CREATE TRIGGER "Participation_funnel_delete" AFTER DELETE ON "Participation" WHEN OLD."acceptedAt" IS NOT NULL BEGIN
  UPDATE "CycleFunnel" SET "accepted" = "accepted" - 1 WHERE "influencerId" = OLD."influencerId"
    AND "cycleId" IN (SELECT c."id" FROM "Cycle" c WHERE c."startsAt" <= OLD."acceptedAt" AND c."endsAt" > OLD."acceptedAt");
END;
CREATE TRIGGER "Participation_funnel_update" AFTER UPDATE OF "acceptedAt", "influencerId" ON "Participation"
WHEN OLD."acceptedAt" IS NOT NEW."acceptedAt" OR OLD."influencerId" IS NOT NEW."influencerId" BEGIN
  UPDATE "CycleFunnel" SET "accepted" = "accepted" - 1 WHERE OLD."acceptedAt" IS NOT NULL AND "influencerId" = OLD."influencerId"
    AND "cycleId" IN (SELECT c."id" FROM "Cycle" c WHERE c."startsAt" <= OLD."acceptedAt" AND c."endsAt" > OLD."acceptedAt");
  INSERT INTO "CycleFunnel" ("cycleId", "influencerId", "accepted", "submitted", "approved")
  SELECT c."id", NEW."influencerId", 1, 0, 0 FROM "Cycle" c WHERE NEW."acceptedAt" IS NOT NULL AND c."startsAt" <= NEW."acceptedAt" AND c."endsAt" > NEW."acceptedAt"
  ON CONFLICT ("cycleId", "influencerId") DO UPDATE SET "accepted" = "accepted" + excluded."accepted";
END;
CREATE TRIGGER "Submission_funnel_insert" AFTER INSERT ON "Submission" BEGIN
  INSERT INTO "CycleFunnel" ("cycleId", "influencerId", "accepted", "submitted", "approved")
  SELECT c."id", NEW."influencerId", 0, 1, CASE WHEN NEW."status" IN ('verified', 'approved') THEN 1 ELSE 0 END
  FROM "Cycle" c WHERE c."startsAt" <= NEW."createdAt" AND c."endsAt" > NEW."createdAt"
  ON CONFLICT ("cycleId", "influencerId") DO UPDATE SET "submitted" = "submitted" + excluded."submitted", "approved" = "approved" + excluded."approved";
END;
CREATE TRIGGER "Submission_funnel_delete" AFTER DELETE ON "Submission" BEGIN
  UPDATE "CycleFunnel" SET "submitted" = "submitted" - 1, "approved" = "approved" - CASE WHEN OLD."status" IN ('verified', 'approved') THEN 1 ELSE 0 END
  WHERE "influencerId" = OLD."influencerId" AND "cycleId" IN (SELECT c."id" FROM "Cycle" c WHERE c."startsAt" <= OLD."createdAt" AND c."endsAt" > OLD."createdAt");
END;
CREATE TRIGGER "Submission_funnel_update" AFTER UPDATE OF "status", "createdAt", "influencerId" ON "Submission"
WHEN (OLD."status" IN ('verified', 'approved')) IS NOT (NEW."status" IN ('verified', 'approved')) OR OLD."createdAt" IS NOT NEW."createdAt" OR OLD."influencerId" IS NOT NEW."influencerId" BEGIN
  UPDATE "CycleFunnel" SET "submitted" = "submitted" - 1, "approved" = "approved" - CASE WHEN OLD."status" IN ('verified', 'approved') THEN 1 ELSE 0 END
  WHERE "influencerId" = OLD."influencerId" AND "cycleId" IN (SELECT c."id" FROM "Cycle" c WHERE c."startsAt" <= OLD."createdAt" AND c."endsAt" > OLD."createdAt");
  INSERT INTO "CycleFunnel" ("cycleId", "influencerId", "accepted", "submitted", "approved")
  SELECT c."id", NEW."influencerId", 0, 1, CASE WHEN NEW."status" IN ('verified', 'approved') THEN 1 ELSE 0 END
  FROM "Cycle" c WHERE c."startsAt" <= NEW."createdAt" AND c."endsAt" > NEW."createdAt"
  ON CONFLICT ("cycleId", "influencerId") DO UPDATE SET "submitted" = "submitted" + excluded."submitted", "approved" = "approved" + excluded."approved";
END;
CREATE TRIGGER "Cycle_funnel_insert" AFTER INSERT ON "Cycle" BEGIN
  INSERT INTO "CycleFunnel" ("cycleId", "influencerId", "accepted", "submitted", "approved")
  SELECT NEW."id", x."influencerId", SUM(x."a"), SUM(x."s"), SUM(x."ap") FROM (
    SELECT p."influencerId", 1 AS "a", 0 AS "s", 0 AS "ap" FROM "Participation" p WHERE p."acceptedAt" >= NEW."startsAt" AND p."acceptedAt" < NEW."endsAt"
    UNION ALL SELECT s."influencerId", 0, 1, CASE WHEN s."status" IN ('verified', 'approved') THEN 1 ELSE 0 END FROM "Submission" s WHERE s."createdAt" >= NEW."startsAt" AND s."createdAt" < NEW."endsAt"
  ) x WHERE true GROUP BY x."influencerId"
  ON CONFLICT ("cycleId", "influencerId") DO UPDATE SET "accepted" = "accepted" + excluded."accepted", "submitted" = "submitted" + excluded."submitted", "approved" = "approved" + excluded."approved";
END;
CREATE TRIGGER "Cycle_funnel_bounds" AFTER UPDATE OF "startsAt", "endsAt" ON "Cycle"
WHEN OLD."startsAt" IS NOT NEW."startsAt" OR OLD."endsAt" IS NOT NEW."endsAt" BEGIN
  DELETE FROM "CycleFunnel" WHERE "cycleId" = NEW."id";
  INSERT INTO "CycleFunnel" ("cycleId", "influencerId", "accepted", "submitted", "approved")
  SELECT NEW."id", x."influencerId", SUM(x."a"), SUM(x."s"), SUM(x."ap") FROM (
    SELECT p."influencerId", 1 AS "a", 0 AS "s", 0 AS "ap" FROM "Participation" p WHERE p."acceptedAt" >= NEW."startsAt" AND p."acceptedAt" < NEW."endsAt"
    UNION ALL SELECT s."influencerId", 0, 1, CASE WHEN s."status" IN ('verified', 'approved') THEN 1 ELSE 0 END FROM "Submission" s WHERE s."createdAt" >= NEW."startsAt" AND s."createdAt" < NEW."endsAt"
  ) x WHERE true GROUP BY x."influencerId"
  ON CONFLICT ("cycleId", "influencerId") DO UPDATE SET "accepted" = "accepted" + excluded."accepted", "submitted" = "submitted" + excluded."submitted", "approved" = "approved" + excluded."approved";
END;
CREATE TRIGGER "Cycle_funnel_delete" AFTER DELETE ON "Cycle" BEGIN
  DELETE FROM "CycleFunnel" WHERE "cycleId" = OLD."id";
END;
