// The directory's indexed search (src/web/directory-search.ts) against its rule, directoryWhere:
// on a small program with the awkward cases — case, accents, LIKE wildcards in the search text,
// a leading @, no name, erased people, several handles — every search and filter returns the
// same people as the rule; and the search indexes follow renames, new and removed handles and
// removed people (SQLite keeps them with triggers).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientProvider } from "../../src/services/bulk-insert.js";
import { directoryWhere, type DirectoryQuery } from "../../src/web/directory.js";
import { directoryFilterSql } from "../../src/web/directory-search.js";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";

const PEOPLE: Array<{ name: string | null; status?: string; locale?: string; deleted?: boolean; handles: Array<[string, string]> }> = [
  { name: "Anna Rossi", locale: "it", handles: [["instagram", "anna.r"], ["tiktok", "annarossi"]] },
  { name: "ANNA BIANCHI", status: "onboarding", locale: "it", handles: [["youtube", "bianchi_tv"]] },
  { name: "Élodie Martin", locale: "fr", handles: [["instagram", "elodie"]] },
  { name: "élodie dupont", locale: "fr", handles: [["tiktok", "e.dupont"]] },
  { name: "100% Real_Name", locale: "en", handles: [["x", "real100"]] },
  { name: null, locale: "es", handles: [["instagram", "sin_nombre"]] },
  { name: "Gone Person", deleted: true, handles: [["instagram", "gone_anna"]] },
  { name: "Paused Pedro", status: "paused", locale: "es", handles: [] },
  { name: "Bob", locale: "en", handles: [["instagram", "bob"], ["x", "annafan"]] },
];

const SEARCHES = ["", "anna", "ANNA", "Anna R", "@anna", "@bob", "élodie", "Élodie", "lod", "%", "_", "100%", "l_d", "a", "an", "nombre", "gone", "zzz", "@", "o d", "@e.d", "r"];
const FILTERS: Array<Omit<DirectoryQuery, "page">> = [{}, { status: "active" }, { language: "it" }, { network: "instagram" }, { status: "active", network: "x", language: "en" }];

describe.each(testProviders())("directory search on %s", (provider) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
    for (const p of PEOPLE) {
      await t.db.influencer.create({
        data: { displayName: p.name, status: p.status ?? "active", locale: p.locale ?? null, deletedAt: p.deleted ? new Date() : null, handles: { create: p.handles.map(([network, handle]) => ({ network, handle })) } },
      });
    }
  });
  afterAll(async () => t?.destroy());

  const byRule = async (query: Omit<DirectoryQuery, "page">) =>
    (await t.db.influencer.findMany({ where: directoryWhere(t.db, { ...query, page: 1 }), orderBy: { id: "asc" }, select: { id: true } })).map((r) => r.id);
  const bySql = async (query: Omit<DirectoryQuery, "page">) => {
    const f = directoryFilterSql(clientProvider(t.db), query);
    const rows = await t.db.$queryRawUnsafe<{ id: unknown }[]>(`SELECT i."id" AS "id" FROM "Influencer" i WHERE ${f.where} ORDER BY i."id"`, ...f.args);
    return rows.map((r) => Number(r.id));
  };

  it("given every search text and filter then the indexed search finds exactly the people the rule finds", async () => {
    const differences: string[] = [];
    let found = 0;
    for (const filter of FILTERS) {
      for (const q of SEARCHES) {
        const query = { ...filter, ...(q ? { q } : {}) };
        const [expected, actual] = await Promise.all([byRule(query), bySql(query)]);
        found += expected.length;
        if (JSON.stringify(expected) !== JSON.stringify(actual)) differences.push(`${JSON.stringify(query)}: rule ${JSON.stringify(expected)}, indexed ${JSON.stringify(actual)}`);
      }
    }
    expect(differences).toEqual([]);
    expect(found).toBeGreaterThan(50); // the cases do find people
  });

  it("given a rename, a new and a removed handle and a removed person then the search follows", async () => {
    const bob = await t.db.influencer.findFirstOrThrow({ where: { displayName: "Bob" } });
    await t.db.influencer.update({ where: { id: bob.id }, data: { displayName: "Roberto Quintana" } });
    await t.db.socialHandle.create({ data: { influencerId: bob.id, network: "tiktok", handle: "quintana_live" } });
    await t.db.socialHandle.deleteMany({ where: { influencerId: bob.id, handle: "annafan" } });
    const pedro = await t.db.influencer.findFirstOrThrow({ where: { displayName: "Paused Pedro" } });
    await t.db.influencer.delete({ where: { id: pedro.id } });
    for (const q of ["bob", "quintana", "Roberto", "annafan", "Pedro", "anna"]) expect(await bySql({ q }), q).toEqual(await byRule({ q }));
    expect(await bySql({ q: "quintana" })).toEqual([bob.id]);
    expect(await bySql({ q: "bob" })).toEqual([bob.id]); // still the handle @bob
    expect(await bySql({ q: "annafan" })).toEqual([]);
  });
});
