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
-- instead of failing the ledger write). The triggers run once per statement over its transition
-- table, summed per rollup row: a bulk write (the cycle close, a person's cascade) costs one grouped
-- upsert, not one per entry. The engine splits a migration at every semicolon, so the function
-- bodies are E'' strings whose semicolons are written \073.

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
CREATE FUNCTION "ledger_daily_insert"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  INSERT INTO "LedgerDaily" ("cycleId", "missionId", "day", "kind", "amount", "entries")
  SELECT x.c, x.m, x.d, x.k, SUM(x.a), SUM(x.n) FROM (SELECT r."cycleId" AS c, "ledger_daily_mission"(r."kind", r."reference") AS m, to_char(r."createdAt", ''YYYY-MM-DD'') AS d, r."kind" AS k, r."amount" AS a, 1 AS n FROM new_rows r) x GROUP BY x.c, x.m, x.d, x.k
  ON CONFLICT ("cycleId", "missionId", "day", "kind") DO UPDATE SET "amount" = "LedgerDaily"."amount" + excluded."amount", "entries" = "LedgerDaily"."entries" + excluded."entries"\073
  RETURN NULL\073
END';

-- CreateFunction
CREATE FUNCTION "ledger_daily_delete"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  INSERT INTO "LedgerDaily" ("cycleId", "missionId", "day", "kind", "amount", "entries")
  SELECT x.c, x.m, x.d, x.k, SUM(x.a), SUM(x.n) FROM (SELECT r."cycleId" AS c, "ledger_daily_mission"(r."kind", r."reference") AS m, to_char(r."createdAt", ''YYYY-MM-DD'') AS d, r."kind" AS k, -r."amount" AS a, -1 AS n FROM old_rows r) x GROUP BY x.c, x.m, x.d, x.k
  ON CONFLICT ("cycleId", "missionId", "day", "kind") DO UPDATE SET "amount" = "LedgerDaily"."amount" + excluded."amount", "entries" = "LedgerDaily"."entries" + excluded."entries"\073
  RETURN NULL\073
END';

-- CreateFunction
CREATE FUNCTION "ledger_daily_update"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  INSERT INTO "LedgerDaily" ("cycleId", "missionId", "day", "kind", "amount", "entries")
  SELECT x.c, x.m, x.d, x.k, SUM(x.a), SUM(x.n) FROM (SELECT o."cycleId" AS c, "ledger_daily_mission"(o."kind", o."reference") AS m, to_char(o."createdAt", ''YYYY-MM-DD'') AS d, o."kind" AS k, -o."amount" AS a, -1 AS n FROM old_rows o UNION ALL SELECT r."cycleId" AS c, "ledger_daily_mission"(r."kind", r."reference") AS m, to_char(r."createdAt", ''YYYY-MM-DD'') AS d, r."kind" AS k, r."amount" AS a, 1 AS n FROM new_rows r) x GROUP BY x.c, x.m, x.d, x.k
  ON CONFLICT ("cycleId", "missionId", "day", "kind") DO UPDATE SET "amount" = "LedgerDaily"."amount" + excluded."amount", "entries" = "LedgerDaily"."entries" + excluded."entries"\073
  RETURN NULL\073
END';

-- CreateTrigger
CREATE TRIGGER "LedgerEntry_daily_insert" AFTER INSERT ON "LedgerEntry" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "ledger_daily_insert"();

-- CreateTrigger
CREATE TRIGGER "LedgerEntry_daily_delete" AFTER DELETE ON "LedgerEntry" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "ledger_daily_delete"();

-- CreateTrigger
CREATE TRIGGER "LedgerEntry_daily_update" AFTER UPDATE ON "LedgerEntry" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "ledger_daily_update"();

-- A deleted submission (its person deleted: cascades run in any order) no longer gives its
-- entries a mission, in the report as here: its entries' points move to mission 0. Whichever of
-- the two goes first, the other finds the rollup consistent. One scan of the ledger per statement
-- (the reference has no index, and submissions are deleted only with their person).
-- CreateFunction
CREATE FUNCTION "submission_ledger_daily_delete"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  INSERT INTO "LedgerDaily" ("cycleId", "missionId", "day", "kind", "amount", "entries")
  SELECT e."cycleId", m.id, to_char(e."createdAt", ''YYYY-MM-DD''), e."kind", SUM(m.sign * e."amount"), SUM(m.sign)
  FROM old_rows o JOIN "LedgerEntry" e ON e."kind" = ''mission'' AND (CASE WHEN e."reference" ~ ''^submission:[0-9]{1,9}$'' THEN CAST(SUBSTR(e."reference", 12) AS INTEGER) END) = o."id"
  CROSS JOIN LATERAL (VALUES (o."missionId", -1), (0, 1)) AS m(id, sign)
  GROUP BY e."cycleId", m.id, to_char(e."createdAt", ''YYYY-MM-DD''), e."kind"
  ON CONFLICT ("cycleId", "missionId", "day", "kind") DO UPDATE SET "amount" = "LedgerDaily"."amount" + excluded."amount", "entries" = "LedgerDaily"."entries" + excluded."entries"\073
  RETURN NULL\073
END';

-- CreateTrigger
CREATE TRIGGER "Submission_ledger_daily_delete" AFTER DELETE ON "Submission" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "submission_ledger_daily_delete"();
