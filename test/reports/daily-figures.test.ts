// Points and clicks per UTC day for the overview's time chart, on SQLite and PostgreSQL: clicks
// from the rollup for finished days and raw for the rest give the same days as counting every
// click; previews are left out; points are the cycle's earnings (mission, adjustment, bonus — not
// redemptions or other cycles); quiet days are zeros, and the window's edges are respected.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";
import { dailyPointsAndClicks } from "../../src/reports/daily-figures.js";
import { rollUpClicks } from "../../src/services/click-rollup.js";

const at = (s: string) => new Date(`2026-02-${s}Z`);

describe.each(testProviders())("daily points and clicks on %s", (provider) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
  });
  afterAll(async () => t?.destroy());

  it("given clicks over four days, three of them rolled up, and ledger entries of two cycles, then each UTC day has its points and clicks", async () => {
    const m = await t.db.mission.create({ data: { title: "Daily", brief: "b", points: 1, deadline: at("28T00:00:00"), segment: {}, status: "published" } });
    const link = await t.db.trackingLink.create({ data: { code: `DAILY${provider.length}AAAA`, missionId: m.id, targetUrl: "https://shop.example/" } });
    const manual = await t.db.trackingLink.create({ data: { code: `DAILYM${provider.length}AAA`, targetUrl: "https://shop.example/" } });
    await t.db.click.createMany({ data: [
      { trackingLinkId: link.id, visitorHash: "a", at: at("01T23:59:59") }, // before the window
      { trackingLinkId: link.id, visitorHash: "b", at: at("02T08:00:00") }, { trackingLinkId: link.id, visitorHash: "b", at: at("02T23:59:59") },
      { trackingLinkId: link.id, preview: true, at: at("02T09:00:00") },
      { trackingLinkId: manual.id, visitorHash: "m", at: at("03T00:00:00") },
      { trackingLinkId: link.id, visitorHash: "c", at: at("05T12:00:00") }, { trackingLinkId: link.id, visitorHash: "d", at: at("05T13:00:00") },
      { trackingLinkId: link.id, visitorHash: "e", at: at("06T00:00:00") }, // the window's end: left out
    ] });
    const inf = await t.db.influencer.create({ data: { status: "active", displayName: "d" } });
    const cycle = await t.db.cycle.create({ data: { name: "Q1", startsAt: at("01T00:00:00"), endsAt: at("28T00:00:00") } });
    const other = await t.db.cycle.create({ data: { name: "old", startsAt: new Date("2026-01-01T00:00:00Z"), endsAt: at("01T00:00:00"), status: "closed" } });
    const entry = (key: string, amount: number, kind: string, createdAt: Date, cycleId = cycle.id) => ({ influencerId: inf.id, cycleId, amount, kind, idempotencyKey: key, createdAt });
    await t.db.ledgerEntry.createMany({ data: [
      entry("l1", 40, "mission", at("02T10:00:00")), entry("l2", 5, "adjustment", at("02T11:00:00")), entry("l3", 10, "bonus", at("04T00:00:00")),
      entry("l4", -20, "redemption", at("04T01:00:00")), entry("l5", 99, "mission", at("03T01:00:00"), other.id),
      entry("l6", 7, "mission", at("01T12:00:00")), // this cycle, before the window
    ] });
    const window = { from: at("02T00:00:00"), to: at("06T00:00:00") };
    const expected = [
      { day: "2026-02-02", points: 45, clicks: 2 }, { day: "2026-02-03", points: 0, clicks: 1 },
      { day: "2026-02-04", points: 10, clicks: 0 }, { day: "2026-02-05", points: 0, clicks: 2 },
    ];
    expect(await dailyPointsAndClicks(t.db, window, cycle.id)).toEqual(expected);
    // Days 1–3 rolled up (the watermark is the 4th): the same days, now partly from ClickDaily.
    expect((await rollUpClicks(t.db, at("04T00:00:00"), 0)).days).toBe(3);
    await t.db.click.deleteMany({ where: { at: { lt: at("04T00:00:00") } } }); // proof the rolled-up days are not read raw
    expect(await dailyPointsAndClicks(t.db, window, cycle.id)).toEqual(expected);
  });
});
