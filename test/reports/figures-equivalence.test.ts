// The report's aggregate queries (daily click rollup + raw remainder, one UNION ALL per level)
// against the straightforward computation — every row read and summed in plain code — on random
// data, for windows with partial first/last days, whole days, a window inside one day, and the
// rollup watermark before, inside and after the clicks. SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rng } from "../helpers/seeded.js";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";
import { figuresByInfluencer, figuresByMission, figuresByMissionAndPerson, unattributedFigures, FIGURE_COLUMNS, type FigureScope, type SqlFigures, type Window } from "../../src/reports/figures-sql.js";
import { rollUpClicks, rollupWatermark, ROLLUP_WATERMARK_KEY } from "../../src/services/click-rollup.js";

const DAY = 86_400_000;
const T0 = Date.parse("2026-02-01T00:00:00Z");
const CUR = "EUR";

/** mulberry32: the same "random" data on every run and provider */

const zero = (): SqlFigures => Object.fromEntries(FIGURE_COLUMNS.map((c) => [c, 0])) as SqlFigures;

describe.each(testProviders())("report figures equal the straightforward computation on %s", (provider) => {
  let t: TestDatabase;
  const missionIds: number[] = [];
  let erasedId = 0;
  let cycleId = 0;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
    const r = rng(13);
    const pick = <T,>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
    const at = () => new Date(T0 + Math.floor(r() * 5 * DAY));
    const cycle = await t.db.cycle.create({ data: { name: "Q", startsAt: new Date(T0), endsAt: new Date(T0 + 90 * DAY) } });
    cycleId = cycle.id;
    const other = await t.db.cycle.create({ data: { name: "Old", startsAt: new Date(T0 - 90 * DAY), endsAt: new Date(T0), status: "closed" } });
    for (let m = 0; m < 4; m++) {
      missionIds.push((await t.db.mission.create({ data: { title: `M${m}`, brief: "b", points: 10, deadline: new Date(T0 + 30 * DAY), segment: {}, status: "published" } })).id);
    }
    const people: number[] = [];
    for (let i = 0; i < 7; i++) people.push((await t.db.influencer.create({ data: { status: "active", displayName: `p${i}` } })).id);
    erasedId = people[6]!;
    await t.db.influencer.update({ where: { id: erasedId }, data: { status: "deleted", deletedAt: new Date(T0) } });
    let linkNo = 0;
    const links: number[] = [];
    for (const m of missionIds) {
      links.push((await t.db.trackingLink.create({ data: { code: `MAN${provider.length}X${linkNo++}`, missionId: m, targetUrl: "https://shop.example/" } })).id); // manager's link, no influencer
      for (const p of people) {
        if (r() < 0.3) continue;
        const part = await t.db.participation.create({ data: { missionId: m, influencerId: p, status: "accepted", acceptedAt: r() < 0.9 ? at() : null } });
        links.push((await t.db.trackingLink.create({ data: { code: `L${provider.length}X${linkNo++}`, missionId: m, influencerId: p, participationId: part.id, targetUrl: "https://shop.example/" } })).id);
        if (r() < 0.6) {
          const s = await t.db.submission.create({ data: { participationId: part.id, missionId: m, influencerId: p, url: `https://instagram.com/p/${part.id}`, originalUrl: `https://instagram.com/p/${part.id}`, network: "instagram", status: pick(["pending", "verified", "approved", "rejected"]), createdAt: at() } });
          if (r() < 0.7) await t.db.ledgerEntry.create({ data: { influencerId: p, cycleId: r() < 0.7 ? cycle.id : other.id, amount: 10 + Math.floor(r() * 50), kind: "mission", reference: `submission:${s.id}`, idempotencyKey: `submission:${s.id}` } });
          // engagement readings (0–2 per post; the report takes the latest, nulls count as unknown)
          for (let k = Math.floor(r() * 3); k > 0; k--) {
            await t.db.postMetric.create({ data: { submissionId: s.id, views: r() < 0.2 ? null : Math.floor(r() * 1000), likes: r() < 0.3 ? null : Math.floor(r() * 100), comments: Math.floor(r() * 10), source: "youtube_api", seenAt: at() } });
          }
        }
      }
    }
    const clicks = Array.from({ length: 600 }, () => {
      const when = at();
      const link = pick(links);
      const preview = r() < 0.15;
      const day = Math.floor(when.getTime() / DAY);
      // the real hash is salted per day and per link: model that, with a few visitors per link-day
      return { trackingLinkId: link, at: when, preview, visitorHash: preview || r() < 0.1 ? null : `${link}:${day}:${Math.floor(r() * 3)}` };
    });
    await t.db.click.createMany({ data: clicks });
    let order = 0;
    for (let k = 0; k < 40; k++) {
      const m = r() < 0.2 ? null : pick(missionIds);
      const refund = r() < 0.2;
      await t.db.conversion.create({ data: {
        externalId: `o${provider}${order++}`, kind: refund ? "refund" : "order", orderId: String(order), amountMinor: 100 + Math.floor(r() * 5000),
        currency: r() < 0.8 ? CUR : "USD", missionId: m, influencerId: m && r() < 0.8 ? pick(people) : null, at: at(), attribution: m ? "code" : "none",
      } });
    }
    // points per attributed sale and their refunds (negative), in this cycle or the old one
    for (let k = 0; k < 30; k++) {
      await t.db.ledgerEntry.create({ data: {
        influencerId: pick(people), cycleId: r() < 0.7 ? cycle.id : other.id, amount: r() < 0.25 ? -Math.floor(r() * 5) : 5 + Math.floor(r() * 20), kind: "conversion",
        reference: `mission:${pick(missionIds)}`, idempotencyKey: `conversion:${provider}:${k}`,
      } });
    }
  });
  afterAll(async () => {
    await t?.destroy();
  });

  async function straightforward(window: Window | undefined, cycle: number | undefined) {
    const inWindow = (d: Date | null) => d !== null && (!window || (d >= window.from && d < window.to));
    const ids = new Set(missionIds);
    const byMission = new Map<number, SqlFigures>();
    const byPerson = new Map<number, SqlFigures>();
    const put = (m: number | null, i: number | null, f: Partial<SqlFigures>) => {
      if (m === null || !ids.has(m)) return;
      for (const [map, key] of [[byMission, m], [byPerson, i]] as const) {
        if (key === null) continue;
        const row = map.get(key) ?? zero();
        for (const [c, v] of Object.entries(f)) row[c as keyof SqlFigures] += v;
        map.set(key, row);
      }
    };
    for (const p of await t.db.participation.findMany()) if (inWindow(p.acceptedAt)) put(p.missionId, p.influencerId, { accepted: 1 });
    const subs = await t.db.submission.findMany();
    for (const s of subs) if (inWindow(s.createdAt)) put(s.missionId, s.influencerId, { submitted: 1, approved: s.status === "verified" || s.status === "approved" ? 1 : 0 });
    const metrics = await t.db.postMetric.findMany({ orderBy: { id: "asc" } });
    for (const s of subs) {
      const latest = metrics.filter((x) => x.submissionId === s.id).at(-1);
      if (latest && inWindow(s.createdAt) && (s.status === "verified" || s.status === "approved")) {
        put(s.missionId, s.influencerId, { views: latest.views ?? 0, likes: latest.likes ?? 0, comments: latest.comments ?? 0, measuredPosts: 1 });
      }
    }
    const links = new Map((await t.db.trackingLink.findMany()).map((l) => [l.id, l]));
    const seen = new Set<string>();
    for (const c of await t.db.click.findMany()) {
      if (!inWindow(c.at)) continue;
      const l = links.get(c.trackingLinkId)!;
      const fresh = c.visitorHash !== null && !seen.has(`${c.trackingLinkId}|${c.visitorHash}`);
      if (c.visitorHash) seen.add(`${c.trackingLinkId}|${c.visitorHash}`);
      put(l.missionId, l.influencerId, c.preview ? { previews: 1 } : { clicks: 1, uniques: fresh ? 1 : 0 });
    }
    const subById = new Map(subs.map((s) => [s.id, s]));
    for (const e of await t.db.ledgerEntry.findMany({ where: { kind: "mission" } })) {
      const s = subById.get(Number(e.reference?.replace("submission:", "")));
      if (s && (cycle === undefined || e.cycleId === cycle)) put(s.missionId, s.influencerId, { points: e.amount });
    }
    for (const e of await t.db.ledgerEntry.findMany({ where: { kind: "conversion" } })) {
      if (cycle === undefined || e.cycleId === cycle) put(Number(e.reference?.replace("mission:", "")), e.influencerId, { points: e.amount, conversionPoints: e.amount });
    }
    let unattributed = { conversions: 0, revenueMinor: 0 };
    for (const v of await t.db.conversion.findMany()) {
      if (!inWindow(v.at)) continue;
      const refund = v.kind === "refund";
      const same = v.currency === CUR;
      if (v.missionId === null) {
        unattributed = { conversions: unattributed.conversions + (refund ? 0 : 1), revenueMinor: unattributed.revenueMinor + (same ? (refund ? -v.amountMinor : v.amountMinor) : 0) };
      } else put(v.missionId, v.influencerId, refund ? { refundMinor: same ? v.amountMinor : 0 } : { conversions: 1, other: same ? 0 : 1, revenueMinor: same ? v.amountMinor : 0 });
    }
    return { byMission, byPerson, unattributed };
  }

  async function setWatermark(until: Date | null) {
    await t.db.clickDaily.deleteMany({});
    await t.db.programSetting.deleteMany({ where: { key: ROLLUP_WATERMARK_KEY } });
    if (until) {
      await rollUpClicks(t.db, until, 0);
      expect(await rollupWatermark(t.db)).toEqual(until);
    }
  }

  const windows: Array<[string, Window | undefined]> = [
    ["no window", undefined],
    ["partial first and last days", { from: new Date(T0 + 0.55 * DAY), to: new Date(T0 + 3.3 * DAY) }],
    ["whole days", { from: new Date(T0 + DAY), to: new Date(T0 + 3 * DAY) }],
    ["inside one day", { from: new Date(T0 + 2.1 * DAY), to: new Date(T0 + 2.8 * DAY) }],
    ["starting on a day, ending inside one", { from: new Date(T0 + DAY), to: new Date(T0 + 4.5 * DAY) }],
  ];
  const watermarks: Array<[string, Date | null]> = [
    ["nothing rolled up", null],
    ["two days rolled up", new Date(T0 + 2 * DAY)],
    ["every day rolled up", new Date(T0 + 6 * DAY)],
  ];

  it.each(watermarks)("given %s then every window's figures equal the raw computation", async (_, until) => {
    await setWatermark(until);
    for (const [name, window] of windows) {
      for (const cycle of [undefined, cycleId]) {
        const want = await straightforward(window, cycle);
        const scope: FigureScope = { missionIds, window, cycleId: cycle, currency: CUR, rolledUpUntil: await rollupWatermark(t.db) };
        const missions = await figuresByMission(t.db, provider, scope);
        expect(Object.fromEntries(missions), `${name}, per mission`).toEqual(Object.fromEntries(want.byMission));
        const people = await figuresByInfluencer(t.db, provider, scope);
        expect(Object.fromEntries(people.map(({ influencerId, name: _n, erased: _e, ...f }) => [influencerId, f])), `${name}, per influencer`).toEqual(Object.fromEntries(want.byPerson));
        expect(people.find((p) => p.influencerId === erasedId)?.erased ?? true).toBe(true);
        expect(people.filter((p) => p.influencerId !== erasedId).every((p) => !p.erased && p.name?.startsWith("p"))).toBe(true);
        expect(await unattributedFigures(t.db, provider, CUR, window), `${name}, unattributed`).toEqual(want.unattributed);
        // the report's one-pass query (both groupings from one union) gives the same rows
        const both = await figuresByMissionAndPerson(t.db, provider, scope);
        expect(Object.fromEntries(both.byMission), `${name}, one pass per mission`).toEqual(Object.fromEntries(want.byMission));
        expect(both.people.sort((a, b) => a.influencerId - b.influencerId), `${name}, one pass per influencer`).toEqual(people.sort((a, b) => a.influencerId - b.influencerId));
      }
    }
    const totals = [...(await straightforward(undefined, undefined)).byMission.values()].reduce((a, f) => a + f.clicks + f.previews, 0);
    expect(totals).toBeGreaterThan(400); // the data really has clicks in the scope (not a vacuous match)
  });

  it("given the rollup runs twice and again after a crash mid-way then no day is counted twice", async () => {
    await setWatermark(new Date(T0 + 3 * DAY));
    await t.db.programSetting.update({ where: { key: ROLLUP_WATERMARK_KEY }, data: { value: new Date(T0 + DAY).toISOString() } }); // as if days 2–3 were never marked done
    expect((await rollUpClicks(t.db, new Date(T0 + 3 * DAY), 0)).days).toBe(2);
    expect((await rollUpClicks(t.db, new Date(T0 + 3 * DAY), 0)).days).toBe(0);
    const sum = await t.db.clickDaily.aggregate({ _sum: { clicks: true, previews: true } });
    const raw = await t.db.click.count({ where: { at: { lt: new Date(T0 + 3 * DAY) } } });
    expect((sum._sum.clicks ?? 0) + (sum._sum.previews ?? 0)).toBe(raw);
  });
});
