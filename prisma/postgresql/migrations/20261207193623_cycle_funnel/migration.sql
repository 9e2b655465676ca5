-- CreateTable
CREATE TABLE "CycleFunnel" (
    "cycleId" INTEGER NOT NULL,
    "influencerId" INTEGER NOT NULL,
    "accepted" INTEGER NOT NULL,
    "submitted" INTEGER NOT NULL,
    "approved" INTEGER NOT NULL,

    CONSTRAINT "CycleFunnel_pkey" PRIMARY KEY ("cycleId","influencerId")
);

-- CreateIndex
CREATE INDEX "CycleFunnel_cycleId_influencerId_accepted_submitted_approve_idx" ON "CycleFunnel"("cycleId", "influencerId", "accepted", "submitted", "approved");

-- CreateIndex
CREATE INDEX "Participation_acceptedAt_idx" ON "Participation"("acceptedAt");

-- Kept by hand below (issue 14): the schema cannot express triggers. CycleFunnel follows every
-- Participation and Submission write in the writer's transaction (the journey, reviews, the
-- verification job, cascades from a deleted person or mission). A row counts in every cycle whose
-- window [startsAt, endsAt) holds its time: acceptedAt for a participation, createdAt for a
-- submission (approved: status verified or approved). Their triggers run once per statement over
-- its transition tables, the changes summed per (cycle, person): a bulk write costs one grouped
-- upsert, and an update that moves nothing (a status change inside a stage) writes nothing. A cycle
-- that is created is filled from the rows already in its window, one whose bounds move is rebuilt,
-- one that is deleted takes its rows. The engine splits a migration at every semicolon, so the
-- function bodies are E'' strings whose semicolons are written \073.

-- Backfill
INSERT INTO "CycleFunnel" ("cycleId", "influencerId", "accepted", "submitted", "approved")
SELECT c."id", x."influencerId", SUM(x."a"), SUM(x."s"), SUM(x."ap") FROM "Cycle" c JOIN (
  SELECT p."influencerId", p."acceptedAt" AS "at", 1 AS "a", 0 AS "s", 0 AS "ap" FROM "Participation" p WHERE p."acceptedAt" IS NOT NULL
  UNION ALL SELECT s."influencerId", s."createdAt", 0, 1, CASE WHEN s."status" IN ('verified', 'approved') THEN 1 ELSE 0 END FROM "Submission" s
) x ON x."at" >= c."startsAt" AND x."at" < c."endsAt"
GROUP BY c."id", x."influencerId";

-- CreateFunction
CREATE FUNCTION "participation_funnel_change"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  IF TG_OP = ''INSERT'' THEN
    INSERT INTO "CycleFunnel" ("cycleId", "influencerId", "accepted", "submitted", "approved")
    SELECT x.c, x.i, SUM(x.a), 0, 0 FROM (SELECT c."id" AS c, r."influencerId" AS i, 1 AS a FROM new_rows r JOIN "Cycle" c ON c."startsAt" <= r."acceptedAt" AND c."endsAt" > r."acceptedAt") x GROUP BY x.c, x.i HAVING SUM(x.a) <> 0
    ON CONFLICT ("cycleId", "influencerId") DO UPDATE SET "accepted" = "CycleFunnel"."accepted" + excluded."accepted"\073
  ELSIF TG_OP = ''DELETE'' THEN
    INSERT INTO "CycleFunnel" ("cycleId", "influencerId", "accepted", "submitted", "approved")
    SELECT x.c, x.i, SUM(x.a), 0, 0 FROM (SELECT c."id" AS c, o."influencerId" AS i, -1 AS a FROM old_rows o JOIN "Cycle" c ON c."startsAt" <= o."acceptedAt" AND c."endsAt" > o."acceptedAt") x GROUP BY x.c, x.i HAVING SUM(x.a) <> 0
    ON CONFLICT ("cycleId", "influencerId") DO UPDATE SET "accepted" = "CycleFunnel"."accepted" + excluded."accepted"\073
  ELSE
    INSERT INTO "CycleFunnel" ("cycleId", "influencerId", "accepted", "submitted", "approved")
    SELECT x.c, x.i, SUM(x.a), 0, 0 FROM (SELECT c."id" AS c, o."influencerId" AS i, -1 AS a FROM old_rows o JOIN "Cycle" c ON c."startsAt" <= o."acceptedAt" AND c."endsAt" > o."acceptedAt" UNION ALL SELECT c."id" AS c, r."influencerId" AS i, 1 AS a FROM new_rows r JOIN "Cycle" c ON c."startsAt" <= r."acceptedAt" AND c."endsAt" > r."acceptedAt") x GROUP BY x.c, x.i HAVING SUM(x.a) <> 0
    ON CONFLICT ("cycleId", "influencerId") DO UPDATE SET "accepted" = "CycleFunnel"."accepted" + excluded."accepted"\073
  END IF\073
  RETURN NULL\073
END';

-- CreateFunction
CREATE FUNCTION "submission_funnel_change"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  IF TG_OP = ''INSERT'' THEN
    INSERT INTO "CycleFunnel" ("cycleId", "influencerId", "accepted", "submitted", "approved")
    SELECT x.c, x.i, 0, SUM(x.s), SUM(x.ap) FROM (SELECT c."id" AS c, r."influencerId" AS i, 1 AS s, CASE WHEN r."status" IN (''verified'', ''approved'') THEN 1 ELSE 0 END AS ap FROM new_rows r JOIN "Cycle" c ON c."startsAt" <= r."createdAt" AND c."endsAt" > r."createdAt") x GROUP BY x.c, x.i HAVING SUM(x.s) <> 0 OR SUM(x.ap) <> 0
    ON CONFLICT ("cycleId", "influencerId") DO UPDATE SET "submitted" = "CycleFunnel"."submitted" + excluded."submitted", "approved" = "CycleFunnel"."approved" + excluded."approved"\073
  ELSIF TG_OP = ''DELETE'' THEN
    INSERT INTO "CycleFunnel" ("cycleId", "influencerId", "accepted", "submitted", "approved")
    SELECT x.c, x.i, 0, SUM(x.s), SUM(x.ap) FROM (SELECT c."id" AS c, o."influencerId" AS i, -1 AS s, CASE WHEN o."status" IN (''verified'', ''approved'') THEN -1 ELSE 0 END AS ap FROM old_rows o JOIN "Cycle" c ON c."startsAt" <= o."createdAt" AND c."endsAt" > o."createdAt") x GROUP BY x.c, x.i HAVING SUM(x.s) <> 0 OR SUM(x.ap) <> 0
    ON CONFLICT ("cycleId", "influencerId") DO UPDATE SET "submitted" = "CycleFunnel"."submitted" + excluded."submitted", "approved" = "CycleFunnel"."approved" + excluded."approved"\073
  ELSE
    INSERT INTO "CycleFunnel" ("cycleId", "influencerId", "accepted", "submitted", "approved")
    SELECT x.c, x.i, 0, SUM(x.s), SUM(x.ap) FROM (SELECT c."id" AS c, o."influencerId" AS i, -1 AS s, CASE WHEN o."status" IN (''verified'', ''approved'') THEN -1 ELSE 0 END AS ap FROM old_rows o JOIN "Cycle" c ON c."startsAt" <= o."createdAt" AND c."endsAt" > o."createdAt" UNION ALL SELECT c."id" AS c, r."influencerId" AS i, 1 AS s, CASE WHEN r."status" IN (''verified'', ''approved'') THEN 1 ELSE 0 END AS ap FROM new_rows r JOIN "Cycle" c ON c."startsAt" <= r."createdAt" AND c."endsAt" > r."createdAt") x GROUP BY x.c, x.i HAVING SUM(x.s) <> 0 OR SUM(x.ap) <> 0
    ON CONFLICT ("cycleId", "influencerId") DO UPDATE SET "submitted" = "CycleFunnel"."submitted" + excluded."submitted", "approved" = "CycleFunnel"."approved" + excluded."approved"\073
  END IF\073
  RETURN NULL\073
END';

-- CreateFunction
CREATE FUNCTION "cycle_funnel_fill"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  DELETE FROM "CycleFunnel" WHERE "cycleId" = NEW."id"\073
  INSERT INTO "CycleFunnel" ("cycleId", "influencerId", "accepted", "submitted", "approved")
  SELECT NEW."id", x."influencerId", SUM(x."a"), SUM(x."s"), SUM(x."ap") FROM (
    SELECT p."influencerId", 1 AS "a", 0 AS "s", 0 AS "ap" FROM "Participation" p WHERE p."acceptedAt" >= NEW."startsAt" AND p."acceptedAt" < NEW."endsAt"
    UNION ALL SELECT s."influencerId", 0, 1, CASE WHEN s."status" IN (''verified'', ''approved'') THEN 1 ELSE 0 END FROM "Submission" s WHERE s."createdAt" >= NEW."startsAt" AND s."createdAt" < NEW."endsAt"
  ) x GROUP BY x."influencerId"\073
  RETURN NULL\073
END';

-- CreateFunction
CREATE FUNCTION "cycle_funnel_delete"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  DELETE FROM "CycleFunnel" WHERE "cycleId" = OLD."id"\073
  RETURN NULL\073
END';

-- CreateTrigger
CREATE TRIGGER "Participation_funnel_insert" AFTER INSERT ON "Participation" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "participation_funnel_change"();

-- CreateTrigger
CREATE TRIGGER "Participation_funnel_delete" AFTER DELETE ON "Participation" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "participation_funnel_change"();

-- CreateTrigger
CREATE TRIGGER "Participation_funnel_update" AFTER UPDATE ON "Participation" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "participation_funnel_change"();

-- CreateTrigger
CREATE TRIGGER "Submission_funnel_insert" AFTER INSERT ON "Submission" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "submission_funnel_change"();

-- CreateTrigger
CREATE TRIGGER "Submission_funnel_delete" AFTER DELETE ON "Submission" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "submission_funnel_change"();

-- CreateTrigger
CREATE TRIGGER "Submission_funnel_update" AFTER UPDATE ON "Submission" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "submission_funnel_change"();

-- CreateTrigger
CREATE TRIGGER "Cycle_funnel_insert" AFTER INSERT ON "Cycle" FOR EACH ROW EXECUTE FUNCTION "cycle_funnel_fill"();

-- CreateTrigger
CREATE TRIGGER "Cycle_funnel_bounds" AFTER UPDATE OF "startsAt", "endsAt" ON "Cycle" FOR EACH ROW
WHEN (OLD."startsAt" IS DISTINCT FROM NEW."startsAt" OR OLD."endsAt" IS DISTINCT FROM NEW."endsAt") EXECUTE FUNCTION "cycle_funnel_fill"();

-- CreateTrigger
CREATE TRIGGER "Cycle_funnel_delete" AFTER DELETE ON "Cycle" FOR EACH ROW EXECUTE FUNCTION "cycle_funnel_delete"();
