-- CreateTable
CREATE TABLE "LedgerDaily" (
    "cycleId" INTEGER NOT NULL,
    "missionId" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "entries" INTEGER NOT NULL,

    PRIMARY KEY ("cycleId", "missionId", "day", "kind")
);

-- CreateTable
CREATE TABLE "MissionClickDaily" (
    "missionId" INTEGER NOT NULL,
    "day" DATETIME NOT NULL,
    "clicks" INTEGER NOT NULL,
    "previews" INTEGER NOT NULL,
    "uniques" INTEGER NOT NULL,

    PRIMARY KEY ("missionId", "day")
);

-- CreateIndex
CREATE INDEX "LedgerDaily_missionId_kind_idx" ON "LedgerDaily"("missionId", "kind");

-- CreateIndex
CREATE INDEX "MissionClickDaily_day_idx" ON "MissionClickDaily"("day");

-- Kept by hand below (issue 14): the schema cannot express triggers. LedgerDaily follows every
-- LedgerEntry write in the same transaction, whichever code writes it (appendEntry, the cycle
-- close's set-based rows, deletes cascaded from a person). The mission an entry pays for is the
-- report's rule (src/reports/figures-sql.ts): a "mission" entry's "submission:<id>" submission's
-- mission, a "conversion" entry's "mission:<id>", 0 otherwise. The day is SUBSTR(createdAt, 1, 10)
-- like the points-per-day chart's raw query.

-- Backfill
INSERT INTO "LedgerDaily" ("cycleId", "missionId", "day", "kind", "amount", "entries")
SELECT e."cycleId",
  CASE WHEN e."kind" = 'mission' AND e."reference" LIKE 'submission:%' THEN COALESCE((SELECT s."missionId" FROM "Submission" s WHERE s."id" = CAST(SUBSTR(e."reference", 12) AS INTEGER)), 0)
       WHEN e."kind" = 'conversion' AND e."reference" LIKE 'mission:%' THEN CAST(SUBSTR(e."reference", 9) AS INTEGER) ELSE 0 END,
  SUBSTR(e."createdAt", 1, 10), e."kind", SUM(e."amount"), COUNT(*)
FROM "LedgerEntry" e GROUP BY 1, 2, 3, 4;

INSERT INTO "MissionClickDaily" ("missionId", "day", "clicks", "previews", "uniques")
SELECT COALESCE(l."missionId", 0), d."day", SUM(d."clicks"), SUM(d."previews"), SUM(d."uniques")
FROM "ClickDaily" d JOIN "TrackingLink" l ON l."id" = d."trackingLinkId" GROUP BY COALESCE(l."missionId", 0), d."day";

-- CreateTrigger
CREATE TRIGGER "LedgerEntry_daily_insert" AFTER INSERT ON "LedgerEntry" BEGIN
  INSERT INTO "LedgerDaily" ("cycleId", "missionId", "day", "kind", "amount", "entries") VALUES (NEW."cycleId",
    CASE WHEN NEW."kind" = 'mission' AND NEW."reference" LIKE 'submission:%' THEN COALESCE((SELECT s."missionId" FROM "Submission" s WHERE s."id" = CAST(SUBSTR(NEW."reference", 12) AS INTEGER)), 0)
         WHEN NEW."kind" = 'conversion' AND NEW."reference" LIKE 'mission:%' THEN CAST(SUBSTR(NEW."reference", 9) AS INTEGER) ELSE 0 END,
    SUBSTR(NEW."createdAt", 1, 10), NEW."kind", NEW."amount", 1)
  ON CONFLICT ("cycleId", "missionId", "day", "kind") DO UPDATE SET "amount" = "amount" + excluded."amount", "entries" = "entries" + excluded."entries";
END;
CREATE TRIGGER "LedgerEntry_daily_delete" AFTER DELETE ON "LedgerEntry" BEGIN
  INSERT INTO "LedgerDaily" ("cycleId", "missionId", "day", "kind", "amount", "entries") VALUES (OLD."cycleId",
    CASE WHEN OLD."kind" = 'mission' AND OLD."reference" LIKE 'submission:%' THEN COALESCE((SELECT s."missionId" FROM "Submission" s WHERE s."id" = CAST(SUBSTR(OLD."reference", 12) AS INTEGER)), 0)
         WHEN OLD."kind" = 'conversion' AND OLD."reference" LIKE 'mission:%' THEN CAST(SUBSTR(OLD."reference", 9) AS INTEGER) ELSE 0 END,
    SUBSTR(OLD."createdAt", 1, 10), OLD."kind", -OLD."amount", -1)
  ON CONFLICT ("cycleId", "missionId", "day", "kind") DO UPDATE SET "amount" = "amount" + excluded."amount", "entries" = "entries" + excluded."entries";
END;
CREATE TRIGGER "LedgerEntry_daily_update" AFTER UPDATE OF "cycleId", "amount", "kind", "reference", "createdAt" ON "LedgerEntry" BEGIN
  INSERT INTO "LedgerDaily" ("cycleId", "missionId", "day", "kind", "amount", "entries") VALUES (OLD."cycleId",
    CASE WHEN OLD."kind" = 'mission' AND OLD."reference" LIKE 'submission:%' THEN COALESCE((SELECT s."missionId" FROM "Submission" s WHERE s."id" = CAST(SUBSTR(OLD."reference", 12) AS INTEGER)), 0)
         WHEN OLD."kind" = 'conversion' AND OLD."reference" LIKE 'mission:%' THEN CAST(SUBSTR(OLD."reference", 9) AS INTEGER) ELSE 0 END,
    SUBSTR(OLD."createdAt", 1, 10), OLD."kind", -OLD."amount", -1)
  ON CONFLICT ("cycleId", "missionId", "day", "kind") DO UPDATE SET "amount" = "amount" + excluded."amount", "entries" = "entries" + excluded."entries";
  INSERT INTO "LedgerDaily" ("cycleId", "missionId", "day", "kind", "amount", "entries") VALUES (NEW."cycleId",
    CASE WHEN NEW."kind" = 'mission' AND NEW."reference" LIKE 'submission:%' THEN COALESCE((SELECT s."missionId" FROM "Submission" s WHERE s."id" = CAST(SUBSTR(NEW."reference", 12) AS INTEGER)), 0)
         WHEN NEW."kind" = 'conversion' AND NEW."reference" LIKE 'mission:%' THEN CAST(SUBSTR(NEW."reference", 9) AS INTEGER) ELSE 0 END,
    SUBSTR(NEW."createdAt", 1, 10), NEW."kind", NEW."amount", 1)
  ON CONFLICT ("cycleId", "missionId", "day", "kind") DO UPDATE SET "amount" = "amount" + excluded."amount", "entries" = "entries" + excluded."entries";
END;
-- A deleted submission (its person deleted: cascades run in any order) no longer gives its
-- entries a mission, in the report as here: its entries' points move to mission 0. Whichever of
-- the two goes first, the other finds the rollup consistent. (A scan of the ledger: the reference
-- has no index, and submissions are deleted only with their person.)
CREATE TRIGGER "Submission_ledger_daily_delete" AFTER DELETE ON "Submission" BEGIN
  INSERT INTO "LedgerDaily" ("cycleId", "missionId", "day", "kind", "amount", "entries")
  SELECT e."cycleId", m.id, SUBSTR(e."createdAt", 1, 10), e."kind", m.sign * SUM(e."amount"), m.sign * COUNT(*)
  FROM "LedgerEntry" e CROSS JOIN (SELECT OLD."missionId" AS id, -1 AS sign UNION ALL SELECT 0, 1) m
  WHERE e."kind" = 'mission' AND e."reference" LIKE 'submission:%' AND CAST(SUBSTR(e."reference", 12) AS INTEGER) = OLD."id"
  GROUP BY e."cycleId", m.id, m.sign, SUBSTR(e."createdAt", 1, 10), e."kind"
  ON CONFLICT ("cycleId", "missionId", "day", "kind") DO UPDATE SET "amount" = "amount" + excluded."amount", "entries" = "entries" + excluded."entries";
END;
