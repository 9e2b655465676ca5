-- CreateTable
CREATE TABLE "LedgerDaily" (
    "cycleId" INTEGER NOT NULL,
    "missionId" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "entries" INTEGER NOT NULL,

    CONSTRAINT "LedgerDaily_pkey" PRIMARY KEY ("cycleId","missionId","day","kind")
);

-- CreateTable
CREATE TABLE "MissionClickDaily" (
    "missionId" INTEGER NOT NULL,
    "day" TIMESTAMP(3) NOT NULL,
    "clicks" INTEGER NOT NULL,
    "previews" INTEGER NOT NULL,
    "uniques" INTEGER NOT NULL,

    CONSTRAINT "MissionClickDaily_pkey" PRIMARY KEY ("missionId","day")
);

-- CreateIndex
CREATE INDEX "LedgerDaily_missionId_kind_idx" ON "LedgerDaily"("missionId", "kind");

-- CreateIndex
CREATE INDEX "MissionClickDaily_day_idx" ON "MissionClickDaily"("day");

-- Kept by hand below (issue 14): the schema cannot express triggers. LedgerDaily follows every
-- LedgerEntry write in the same transaction, whichever code writes it (appendEntry, the cycle
-- close's set-based rows, deletes cascaded from a person). The mission an entry pays for is the
-- report's rule (src/reports/figures-sql.ts): a "mission" entry's "submission:<id>" submission's
-- mission, a "conversion" entry's "mission:<id>", 0 otherwise (a malformed reference counts as 0
-- instead of failing the ledger write). The engine splits a migration at every semicolon, so the
-- function bodies are E'' strings whose semicolons are written \073.

-- CreateFunction
CREATE FUNCTION "ledger_daily_mission"(k TEXT, ref TEXT) RETURNS INTEGER LANGUAGE sql STABLE AS E'
  SELECT CASE WHEN k = ''mission'' AND ref ~ ''^submission:[0-9]{1,9}$'' THEN COALESCE((SELECT s."missionId" FROM "Submission" s WHERE s."id" = CAST(SUBSTR(ref, 12) AS INTEGER)), 0)
              WHEN k = ''conversion'' AND ref ~ ''^mission:[0-9]{1,9}$'' THEN CAST(SUBSTR(ref, 9) AS INTEGER) ELSE 0 END';

-- Backfill
INSERT INTO "LedgerDaily" ("cycleId", "missionId", "day", "kind", "amount", "entries")
SELECT e."cycleId", "ledger_daily_mission"(e."kind", e."reference"), to_char(e."createdAt", 'YYYY-MM-DD'), e."kind", SUM(e."amount"), COUNT(*)
FROM "LedgerEntry" e GROUP BY 1, 2, 3, 4;

INSERT INTO "MissionClickDaily" ("missionId", "day", "clicks", "previews", "uniques")
SELECT COALESCE(l."missionId", 0), d."day", SUM(d."clicks"), SUM(d."previews"), SUM(d."uniques")
FROM "ClickDaily" d JOIN "TrackingLink" l ON l."id" = d."trackingLinkId" GROUP BY COALESCE(l."missionId", 0), d."day";

-- CreateFunction
CREATE FUNCTION "ledger_daily_apply"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  IF TG_OP IN (''DELETE'', ''UPDATE'') THEN
    INSERT INTO "LedgerDaily" ("cycleId", "missionId", "day", "kind", "amount", "entries")
    VALUES (OLD."cycleId", "ledger_daily_mission"(OLD."kind", OLD."reference"), to_char(OLD."createdAt", ''YYYY-MM-DD''), OLD."kind", -OLD."amount", -1)
    ON CONFLICT ("cycleId", "missionId", "day", "kind") DO UPDATE SET "amount" = "LedgerDaily"."amount" + excluded."amount", "entries" = "LedgerDaily"."entries" + excluded."entries"\073
  END IF\073
  IF TG_OP IN (''INSERT'', ''UPDATE'') THEN
    INSERT INTO "LedgerDaily" ("cycleId", "missionId", "day", "kind", "amount", "entries")
    VALUES (NEW."cycleId", "ledger_daily_mission"(NEW."kind", NEW."reference"), to_char(NEW."createdAt", ''YYYY-MM-DD''), NEW."kind", NEW."amount", 1)
    ON CONFLICT ("cycleId", "missionId", "day", "kind") DO UPDATE SET "amount" = "LedgerDaily"."amount" + excluded."amount", "entries" = "LedgerDaily"."entries" + excluded."entries"\073
  END IF\073
  RETURN NULL\073
END';

-- CreateTrigger
CREATE TRIGGER "LedgerEntry_daily" AFTER INSERT OR DELETE OR UPDATE OF "cycleId", "amount", "kind", "reference", "createdAt" ON "LedgerEntry"
FOR EACH ROW EXECUTE FUNCTION "ledger_daily_apply"();

-- A deleted submission (its person deleted: cascades run in any order) no longer gives its
-- entries a mission, in the report as here: its entries' points move to mission 0. Whichever of
-- the two goes first, the other finds the rollup consistent. (A scan of the ledger: the reference
-- has no index, and submissions are deleted only with their person.)
-- CreateFunction
CREATE FUNCTION "submission_ledger_daily_delete"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  INSERT INTO "LedgerDaily" ("cycleId", "missionId", "day", "kind", "amount", "entries")
  SELECT e."cycleId", m.id, to_char(e."createdAt", ''YYYY-MM-DD''), e."kind", m.sign * SUM(e."amount"), m.sign * COUNT(*)
  FROM "LedgerEntry" e CROSS JOIN (VALUES (OLD."missionId", -1), (0, 1)) AS m(id, sign)
  WHERE e."kind" = ''mission'' AND e."reference" ~ ''^submission:[0-9]{1,9}$'' AND CAST(SUBSTR(e."reference", 12) AS INTEGER) = OLD."id"
  GROUP BY e."cycleId", m.id, m.sign, to_char(e."createdAt", ''YYYY-MM-DD''), e."kind"
  ON CONFLICT ("cycleId", "missionId", "day", "kind") DO UPDATE SET "amount" = "LedgerDaily"."amount" + excluded."amount", "entries" = "LedgerDaily"."entries" + excluded."entries"\073
  RETURN NULL\073
END';

-- CreateTrigger
CREATE TRIGGER "Submission_ledger_daily_delete" AFTER DELETE ON "Submission" FOR EACH ROW EXECUTE FUNCTION "submission_ledger_daily_delete"();
