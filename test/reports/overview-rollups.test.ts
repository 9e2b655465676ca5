// The overview's rollups (issue 14) against the raw tables, on a random ledger: LedgerDaily (kept
// by triggers on every LedgerEntry insert, update and delete) and MissionClickDaily (written by the
// click rollup job) must equal what the raw rows give — after reversals, refunds, negative
// conversion points, an erasure (reason wiped), a corrected entry and a person deleted with their
// entries — and so must the migration's backfill, re-run on the same rows. The figures the overview
// shows (per mission, cycle points, points and clicks per day) are compared with the raw paths.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rng, backfillStatements } from "../helpers/seeded.js";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";
import { figuresByMission, figuresByMissionAndPerson, type FigureScope } from "../../src/reports/figures-sql.js";
import { dailyPointsAndClicks } from "../../src/reports/daily-figures.js";
import { rollUpClicks } from "../../src/services/click-rollup.js";
import { appendEntry, type LedgerKind } from "../../src/services/ledger.js";
import { eraseInfluencer } from "../../src/services/privacy.js";
import { testDeps } from "../helpers/deps.js";

const DAY = 86_400_000;
const T0 = Date.parse("2026-03-01T00:00:00Z");
const DAYS = 6;

describe.each(testProviders())("overview rollups equal the raw tables on %s", (provider) => {
  let t: TestDatabase;
  const missionIds: number[] = [];
  let cycleId = 0;
  let otherId = 0;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
    const r = rng(41);
    const pick = <T,>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
    // never within a second of midnight, so a window 1 ms off the day bounds holds the same rows
    const at = () => new Date(T0 + Math.floor(r() * DAYS) * DAY + 1000 + Math.floor(r() * (DAY - 2000)));
    cycleId = (await t.db.cycle.create({ data: { name: "Q", startsAt: new Date(T0), endsAt: new Date(T0 + 90 * DAY) } })).id;
    otherId = (await t.db.cycle.create({ data: { name: "Old", startsAt: new Date(T0 - 90 * DAY), endsAt: new Date(T0), status: "closed" } })).id;
    for (let m = 0; m < 3; m++) missionIds.push((await t.db.mission.create({ data: { title: `M${m}`, brief: "b", points: 10, deadline: new Date(T0 + 30 * DAY), segment: {}, status: "published" } })).id);
    const people: number[] = [];
    for (let i = 0; i < 6; i++) people.push((await t.db.influencer.create({ data: { status: "active", displayName: `p${i}` } })).id);
    const submissions: number[] = [];
    const links: number[] = [(await t.db.trackingLink.create({ data: { code: `N${provider.length}`, targetUrl: "https://shop.example/" } })).id]; // a link of no mission
    for (const m of missionIds) {
      for (const p of people) {
        const part = await t.db.participation.create({ data: { missionId: m, influencerId: p, status: "accepted", acceptedAt: at() } });
        links.push((await t.db.trackingLink.create({ data: { code: `L${provider.length}M${m}P${p}`, missionId: m, influencerId: p, participationId: part.id, targetUrl: "https://shop.example/" } })).id);
        submissions.push((await t.db.submission.create({ data: { participationId: part.id, missionId: m, influencerId: p, url: `https://x.example/${part.id}`, originalUrl: `https://x.example/${part.id}`, network: "instagram", status: "approved", createdAt: at() } })).id);
      }
    }
    const kinds: LedgerKind[] = ["mission", "mission", "mission", "conversion", "conversion", "reversal", "refund", "bonus", "adjustment", "redemption", "expiry"];
    for (let k = 0; k < 160; k++) {
      const kind = pick(kinds);
      const negative = kind === "reversal" || kind === "redemption" || kind === "expiry" || (kind === "conversion" && r() < 0.3) || (kind === "adjustment" && r() < 0.5);
      const amount = (negative ? -1 : 1) * (1 + Math.floor(r() * 40));
      const reference = kind === "mission" || kind === "reversal" ? `submission:${r() < 0.05 ? 999999 : pick(submissions)}`
        : kind === "conversion" ? `mission:${pick(missionIds)}` : kind === "refund" ? `redemption:${k}` : null;
      const write = { influencerId: pick(people), cycleId: r() < 0.75 ? cycleId : otherId, amount, kind, reference, idempotencyKey: `k:${provider}:${k}` };
      // most at past times (written directly), some through THE write path (now, with the standings)
      if (r() < 0.8) await t.db.ledgerEntry.create({ data: { ...write, createdAt: at() } });
      else await appendEntry(t.db, write);
    }
    // a corrected entry (amount, kind and day change), an erasure, a person deleted with their rows
    const first = await t.db.ledgerEntry.findFirstOrThrow({ where: { kind: "mission", reference: { not: null } }, orderBy: { id: "asc" } });
    await t.db.ledgerEntry.update({ where: { id: first.id }, data: { amount: first.amount + 7, kind: "conversion", reference: `mission:${missionIds[2]}`, createdAt: at() } });
    await eraseInfluencer(testDeps(t), people[1]!);
    await t.db.influencer.delete({ where: { id: people[0]! } });
    const clicks = Array.from({ length: 400 }, () => {
      const when = at();
      const link = pick(links);
      return { trackingLinkId: link, at: when, preview: r() < 0.15, visitorHash: r() < 0.1 ? null : `${link}:${Math.floor(when.getTime() / DAY)}:${Math.floor(r() * 3)}` };
    });
    await t.db.click.createMany({ data: clicks });
    await rollUpClicks(t.db, new Date(T0 + (DAYS + 1) * DAY));
  });
  afterAll(async () => {
    await t?.destroy();
  });

  /** The rollups' rows by key, computed in plain code from LedgerEntry, Submission, ClickDaily and TrackingLink. */
  async function fromRawTables() {
    const missionOf = new Map((await t.db.submission.findMany({ select: { id: true, missionId: true } })).map((s) => [s.id, s.missionId]));
    const ledger = new Map<string, number>();
    for (const e of await t.db.ledgerEntry.findMany()) {
      const ref = e.reference ?? "";
      const m = e.kind === "mission" && ref.startsWith("submission:") ? (missionOf.get(Number(ref.slice(11))) ?? 0)
        : e.kind === "conversion" && ref.startsWith("mission:") ? Number(ref.slice(8)) : 0;
      const key = `${e.cycleId}|${m}|${e.createdAt.toISOString().slice(0, 10)}|${e.kind}`;
      ledger.set(key, (ledger.get(key) ?? 0) + e.amount);
    }
    const linkMission = new Map((await t.db.trackingLink.findMany({ select: { id: true, missionId: true } })).map((l) => [l.id, l.missionId ?? 0]));
    const clicks = new Map<string, string>();
    const sums = new Map<string, [number, number, number]>();
    for (const d of await t.db.clickDaily.findMany()) {
      const key = `${linkMission.get(d.trackingLinkId)}|${d.day.toISOString()}`;
      const s = sums.get(key) ?? [0, 0, 0];
      sums.set(key, [s[0] + d.clicks, s[1] + d.previews, s[2] + d.uniques]);
    }
    for (const [k, s] of sums) clicks.set(k, s.join(","));
    return { ledger: nonZero(ledger), clicks: Object.fromEntries([...clicks].sort(([a], [b]) => a.localeCompare(b))) };
  }
  const nonZero = (m: Map<string, number>) => Object.fromEntries([...m].filter(([, v]) => v !== 0).sort(([a], [b]) => a.localeCompare(b)));
  async function rollups() {
    const ledger = new Map((await t.db.ledgerDaily.findMany()).map((d) => [`${d.cycleId}|${d.missionId}|${d.day}|${d.kind}`, d.amount]));
    const clicks = (await t.db.missionClickDaily.findMany()).map((d) => [`${d.missionId}|${d.day.toISOString()}`, [d.clicks, d.previews, d.uniques].join(",")] as const);
    return { ledger: nonZero(ledger), clicks: Object.fromEntries([...clicks].sort(([a], [b]) => a.localeCompare(b))) };
  }

  it("given every kind of ledger write and a click rollup, then the rollup tables hold exactly the raw tables' sums", async () => {
    const raw = await fromRawTables();
    expect(Object.keys(raw.ledger).length).toBeGreaterThan(30);
    expect(Object.keys(raw.clicks).length).toBeGreaterThan(10);
    expect(await rollups()).toEqual(raw);
  });

  it("given a cycle or none, then the per-mission figures from the rollups equal those from the raw ledger and ClickDaily", async () => {
    for (const cycle of [cycleId, otherId, undefined]) {
      const scope: FigureScope = { missionIds, cycleId: cycle, currency: "EUR", rolledUpUntil: new Date(T0 + DAYS * DAY), window: { from: new Date(T0), to: new Date(T0 + 90 * DAY) } };
      const fromRollups = await figuresByMission(t.db, provider, scope);
      const { byMission: fromRaw } = await figuresByMissionAndPerson(t.db, provider, scope);
      expect([...fromRollups.values()].some((f) => f.points !== 0 && f.conversionPoints !== 0 && f.clicks > 0)).toBe(true);
      expect(fromRollups).toEqual(fromRaw);
    }
  });

  it("given the cycle's whole days, then the points and clicks per day from the rollups equal the raw ledger's and clicks'", async () => {
    for (const cycle of [cycleId, otherId]) {
      const days = await dailyPointsAndClicks(t.db, { from: new Date(T0), to: new Date(T0 + DAYS * DAY) }, cycle);
      const raw = await dailyPointsAndClicks(t.db, { from: new Date(T0 + 1), to: new Date(T0 + DAYS * DAY - 1) }, cycle); // not whole days: the ledger itself
      expect(days.some((d) => d.points !== 0 && d.clicks > 0)).toBe(true);
      expect(days).toEqual(raw);
    }
  });

  it("given the rollups emptied, then the migration's backfill rebuilds them from the existing rows", async () => {
    const statements = backfillStatements(provider, "overview_rollups");
    expect(statements).toHaveLength(2);
    await t.db.ledgerDaily.deleteMany();
    await t.db.missionClickDaily.deleteMany();
    for (const s of statements) await t.db.$executeRawUnsafe(s);
    expect(await rollups()).toEqual(await fromRawTables());
  });
});
