-- Directory search (issue 14): substring search by name or handle (ILIKE '%…%') without scanning
-- every row, through trigram GIN indexes (pg_trgm). Written by hand: the Prisma schema cannot
-- express them portably, so this migration changes no model (prisma/models.prisma is unchanged).
-- pg_trgm ships with PostgreSQL and is a trusted extension (a database owner may create it). Where
-- it cannot be created the search keeps working, as a scan, and the migration logs a warning.
-- The engine splits a migration at every semicolon, so the block is an E'' string whose
-- semicolons are written \073.

-- CreateSearchIndex
DO E'BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm\073
  CREATE INDEX IF NOT EXISTS "Influencer_displayName_trgm_idx" ON "Influencer" USING gin ("displayName" gin_trgm_ops)\073
  CREATE INDEX IF NOT EXISTS "SocialHandle_handle_trgm_idx" ON "SocialHandle" USING gin ("handle" gin_trgm_ops)\073
EXCEPTION WHEN OTHERS THEN
  RAISE WARNING ''directory search index not created (%): the search scans instead'', SQLERRM\073
END';
