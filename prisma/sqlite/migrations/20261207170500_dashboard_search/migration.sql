-- Directory search (issue 14): substring search by name or handle without scanning every row.
-- Written by hand: the Prisma schema cannot express FTS5 tables or triggers, so this migration
-- changes no model (prisma/models.prisma is unchanged) and a later schema diff never sees it.
-- Two external-content FTS5 tables with the trigram tokenizer answer LIKE '%…%' from an index:
-- the triggers keep them equal to their tables. The query still checks the original LIKE on the
-- candidates, so results are exactly those of a scan.

-- CreateSearchIndex
CREATE VIRTUAL TABLE "InfluencerNameSearch" USING fts5("displayName", content='Influencer', content_rowid='id', tokenize='trigram');
INSERT INTO "InfluencerNameSearch" ("rowid", "displayName") SELECT "id", "displayName" FROM "Influencer" WHERE "displayName" IS NOT NULL;
CREATE TRIGGER "Influencer_search_insert" AFTER INSERT ON "Influencer" WHEN NEW."displayName" IS NOT NULL BEGIN
  INSERT INTO "InfluencerNameSearch" ("rowid", "displayName") VALUES (NEW."id", NEW."displayName");
END;
CREATE TRIGGER "Influencer_search_delete" AFTER DELETE ON "Influencer" WHEN OLD."displayName" IS NOT NULL BEGIN
  INSERT INTO "InfluencerNameSearch" ("InfluencerNameSearch", "rowid", "displayName") VALUES ('delete', OLD."id", OLD."displayName");
END;
CREATE TRIGGER "Influencer_search_update" AFTER UPDATE OF "displayName" ON "Influencer" BEGIN
  INSERT INTO "InfluencerNameSearch" ("InfluencerNameSearch", "rowid", "displayName") SELECT 'delete', OLD."id", OLD."displayName" WHERE OLD."displayName" IS NOT NULL;
  INSERT INTO "InfluencerNameSearch" ("rowid", "displayName") SELECT NEW."id", NEW."displayName" WHERE NEW."displayName" IS NOT NULL;
END;

-- CreateSearchIndex
CREATE VIRTUAL TABLE "SocialHandleSearch" USING fts5("handle", content='SocialHandle', content_rowid='id', tokenize='trigram');
INSERT INTO "SocialHandleSearch" ("rowid", "handle") SELECT "id", "handle" FROM "SocialHandle";
CREATE TRIGGER "SocialHandle_search_insert" AFTER INSERT ON "SocialHandle" BEGIN
  INSERT INTO "SocialHandleSearch" ("rowid", "handle") VALUES (NEW."id", NEW."handle");
END;
CREATE TRIGGER "SocialHandle_search_delete" AFTER DELETE ON "SocialHandle" BEGIN
  INSERT INTO "SocialHandleSearch" ("SocialHandleSearch", "rowid", "handle") VALUES ('delete', OLD."id", OLD."handle");
END;
CREATE TRIGGER "SocialHandle_search_update" AFTER UPDATE OF "handle" ON "SocialHandle" BEGIN
  INSERT INTO "SocialHandleSearch" ("SocialHandleSearch", "rowid", "handle") VALUES ('delete', OLD."id", OLD."handle");
  INSERT INTO "SocialHandleSearch" ("rowid", "handle") VALUES (NEW."id", NEW."handle");
END;
