// The report's click figures from the grouped (link, visitor hash) query over the covering index:
// clicks, previews and uniques per mission and per influencer, with several links on one mission,
// clicks without a hash, and a time window — on SQLite and PostgreSQL (nothing rolled up: raw clicks).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";
import { figuresByInfluencer, figuresByMission, type Window } from "../../src/reports/figures-sql.js";

describe.each(testProviders())("report click figures on %s", (provider) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it("given two links on one mission and a personal link then clicks, previews and daily uniques add up per pair", async () => {
    const m = await t.db.mission.create({ data: { title: "Fig", brief: "b", points: 1, deadline: new Date("2026-03-01"), segment: {}, status: "published" } });
    const other = await t.db.mission.create({ data: { title: "Other", brief: "b", points: 1, deadline: new Date("2026-03-01"), segment: {}, status: "published" } });
    const inf = await t.db.influencer.create({ data: { status: "active", displayName: "fig" } });
    const a = await t.db.trackingLink.create({ data: { code: `FIGA${provider.length}AAAAA`, missionId: m.id, targetUrl: "https://shop.example/" } });
    const b = await t.db.trackingLink.create({ data: { code: `FIGB${provider.length}AAAAA`, missionId: m.id, targetUrl: "https://shop.example/" } });
    const p = await t.db.trackingLink.create({ data: { code: `FIGP${provider.length}AAAAA`, missionId: m.id, influencerId: inf.id, targetUrl: "https://shop.example/" } });
    const o = await t.db.trackingLink.create({ data: { code: `FIGO${provider.length}AAAAA`, missionId: other.id, targetUrl: "https://shop.example/" } });
    const day1 = new Date("2026-02-01T10:00:00Z");
    const day2 = new Date("2026-02-02T10:00:00Z");
    await t.db.click.createMany({ data: [
      { trackingLinkId: a.id, visitorHash: "a-v1", at: day1 }, { trackingLinkId: a.id, visitorHash: "a-v1", at: day1 }, // same visitor twice: 1 unique
      { trackingLinkId: a.id, visitorHash: "a-v2", at: day2 }, { trackingLinkId: a.id, visitorHash: null, at: day2 }, // no address: a click, no unique
      { trackingLinkId: a.id, preview: true, at: day1 },
      { trackingLinkId: b.id, visitorHash: "b-v1", at: day2 }, { trackingLinkId: b.id, preview: true, at: day2 },
      { trackingLinkId: p.id, visitorHash: "p-v1", at: day1 }, { trackingLinkId: p.id, visitorHash: "p-v2", at: day1 }, { trackingLinkId: p.id, visitorHash: "p-v2", at: day2 },
      { trackingLinkId: o.id, visitorHash: "o-v1", at: day1 },
    ] });
    const clicksOf = async (missionId: number, window?: Window) => {
      const scope = { missionIds: [missionId], window, currency: "EUR", rolledUpUntil: null };
      const pick = (f: { clicks: number; previews: number; uniques: number }) => ({ clicks: f.clicks, previews: f.previews, uniqueClicks: f.uniques });
      const mission = (await figuresByMission(t.db, provider, scope)).get(missionId);
      return { mission: mission && pick(mission), people: (await figuresByInfluencer(t.db, provider, scope)).map((r) => ({ influencerId: r.influencerId, ...pick(r) })) };
    };
    expect(await clicksOf(m.id)).toEqual({ mission: { clicks: 8, previews: 2, uniqueClicks: 5 }, people: [{ influencerId: inf.id, clicks: 3, previews: 0, uniqueClicks: 2 }] });
    expect(await clicksOf(m.id, { from: new Date("2026-02-02T00:00:00Z"), to: new Date("2026-02-03T00:00:00Z") })).toEqual({
      mission: { clicks: 4, previews: 1, uniqueClicks: 3 }, people: [{ influencerId: inf.id, clicks: 1, previews: 0, uniqueClicks: 1 }],
    });
    expect(await clicksOf(other.id)).toEqual({ mission: { clicks: 1, previews: 0, uniqueClicks: 1 }, people: [] });
  });
});
