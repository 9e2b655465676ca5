// The overview's counts read through indexes (issue 14) against plain code over the raw rows, on a
// random program: the funnel's people per stage (from the per-cycle rollup where it counts the same
// rows, else from the rows themselves; erased people — deletedAt set or status deleted — left out
// through their ids instead of a join), the network pie, and the referral figures (ledger keys
// found by a key range on SQLite, an index on PostgreSQL) must equal what the rows give, including
// keys that only look like referral keys.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rng } from "../helpers/seeded.js";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";
import { funnelCounts, middleStagesSource } from "../../src/reports/funnel.js";
import { networkSplit } from "../../src/reports/network-split.js";
import { referralFigures } from "../../src/services/referrals-figures.js";

const DAY = 86_400_000;
const T0 = Date.parse("2026-03-01T00:00:00Z");
const WINDOW = { from: new Date(T0 + 2 * DAY), to: new Date(T0 + 6 * DAY) };

describe.each(testProviders())("the overview's indexed counts equal the raw rows on %s", (provider) => {
  let t: TestDatabase;
  let cycleId = 0;
  const missionIds: number[] = [];
  beforeAll(async () => {
    t = await createTestDatabase(provider);
    const r = rng(7);
    const pick = <T,>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
    // times on both sides of the window's bounds, and exactly on them
    const at = () => (r() < 0.1 ? (r() < 0.5 ? WINDOW.from : WINDOW.to) : new Date(T0 + Math.floor(r() * 8 * DAY)));
    cycleId = (await t.db.cycle.create({ data: { name: "Q", startsAt: WINDOW.from, endsAt: WINDOW.to } })).id;
    for (let m = 0; m < 4; m++) missionIds.push((await t.db.mission.create({ data: { title: `M${m}`, brief: "b", points: 10, deadline: new Date(T0 + 30 * DAY), segment: {}, status: "published" } })).id);
    const people: number[] = [];
    // three members' codes and a manager's (no referrer); people join with any or none
    const codes: (number | null)[] = [null, (await t.db.invitation.create({ data: { code: `mgr${provider}` } })).id];
    for (let i = 0; i < 30; i++) {
      const erased = r() < 0.15 ? { deletedAt: at() } : r() < 0.1 ? { status: "deleted" } : {};
      const status = pick(["active", "active", "paused", "onboarding", "left"]);
      people.push((await t.db.influencer.create({ data: { status, displayName: `p${i}`, createdAt: at(), activatedAt: r() < 0.7 ? at() : null, invitationId: pick(codes), ...erased } })).id);
      if (i < 3) codes.push((await t.db.invitation.create({ data: { code: `ref${provider}${i}`, referrerId: people[i]! } })).id);
    }
    let n = 0;
    for (const p of people) {
      for (const m of missionIds) {
        if (r() < 0.4) continue;
        const part = await t.db.participation.create({ data: { missionId: m, influencerId: p, status: "accepted", acceptedAt: r() < 0.1 ? null : at() } });
        for (let k = 0; k < Math.floor(r() * 3); k++) {
          n++;
          await t.db.submission.create({ data: { participationId: part.id, missionId: m, influencerId: p, url: `https://x.example/${n}`, originalUrl: `https://x.example/${n}`,
            network: pick(["instagram", "tiktok", "youtube"]), status: pick(["pending", "verified", "needs_review", "rejected", "approved", "withdrawn"]), createdAt: at() } });
        }
      }
    }
    // referral payments, and keys that only look like them (other case, other separator, no colon)
    const keys = ["referral:1:onboarded", "referral:2:first_post", "referral:3:first_post", "referral:", "referral;1", "referral", "referrals:1:first_post", "REFERRAL:4:first_post", "xreferral:5", "referral:6:first_postx"];
    for (const [i, key] of keys.entries()) await t.db.ledgerEntry.create({ data: { influencerId: pick(people), cycleId, amount: 10 + i, kind: "adjustment", idempotencyKey: key } });
    const reward = await t.db.reward.create({ data: { name: "R", cost: 5 } });
    for (const [p, status] of [[people[3]!, "pending"], [people[3]!, "fulfilled"], [people[4]!, "cancelled"], [people[5]!, "shipped"]] as const) {
      await t.db.redemption.create({ data: { rewardId: reward.id, influencerId: p, cycleId, cost: 5, status } });
    }
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it("given erased people, times on the window's bounds and every status, then the funnel counts the same people as the rows", async () => {
    const erased = new Set((await t.db.influencer.findMany({ where: { OR: [{ deletedAt: { not: null } }, { status: "deleted" }] } })).map((i) => i.id));
    const inWindow = (d: Date | null) => d !== null && d >= WINDOW.from && d < WINDOW.to;
    const people = <T extends { influencerId: number }>(rows: T[]) => new Set(rows.filter((x) => !erased.has(x.influencerId)).map((x) => x.influencerId)).size;
    const participations = (await t.db.participation.findMany()).filter((p) => missionIds.includes(p.missionId) && inWindow(p.acceptedAt));
    const submissions = (await t.db.submission.findMany()).filter((s) => missionIds.includes(s.missionId) && inWindow(s.createdAt));
    const influencers = await t.db.influencer.findMany({ where: { deletedAt: null } });
    const expected = {
      invited: influencers.filter((i) => i.createdAt < WINDOW.to).length,
      joined: influencers.filter((i) => i.activatedAt !== null && i.activatedAt < WINDOW.to).length,
      active: people(participations),
      submitted: people(submissions),
      approved: people(submissions.filter((s) => s.status === "verified" || s.status === "approved")),
      redeemed: new Set((await t.db.redemption.findMany({ where: { cycleId, status: { not: "cancelled" } } })).map((x) => x.influencerId)).size,
    };
    expect(erased.size).toBeGreaterThan(2);
    expect(expected.redeemed).toBe(2);
    expect(expected.approved).toBeGreaterThan(0);
    expect(expected.approved).toBeLessThan(expected.submitted);
    // the cycle's own window and every mission with rows in it: the per-cycle rollup
    expect(await middleStagesSource(t.db, { cycleId, ...WINDOW, missionIds })).toBe("rollup");
    expect(await funnelCounts(t.db, { cycleId, ...WINDOW, missionIds })).toEqual(expected);
    // one mission of four (rows of the others in the window) or another window: the rows
    expect(await middleStagesSource(t.db, { cycleId, ...WINDOW, missionIds: missionIds.slice(1, 2) })).toBe("rows");
    expect(await middleStagesSource(t.db, { cycleId, from: WINDOW.from, to: new Date(WINDOW.to.getTime() - DAY), missionIds })).toBe("rows");
    expect(await funnelCounts(t.db, { cycleId, ...WINDOW, missionIds: missionIds.slice(1, 2) })).toEqual({
      ...expected,
      active: people(participations.filter((p) => p.missionId === missionIds[1])),
      submitted: people(submissions.filter((s) => s.missionId === missionIds[1])),
      approved: people(submissions.filter((s) => s.missionId === missionIds[1] && (s.status === "verified" || s.status === "approved"))),
    });
  });

  it("given submissions of every status in and out of the window, then the network pie counts the same rows", async () => {
    const counts = new Map<string, number>();
    for (const s of await t.db.submission.findMany()) if (s.createdAt >= WINDOW.from && s.createdAt < WINDOW.to && s.status !== "withdrawn") counts.set(s.network, (counts.get(s.network) ?? 0) + 1);
    const expected = [...counts].map(([network, count]) => ({ network, count })).sort((a, b) => b.count - a.count || a.network.localeCompare(b.network));
    expect(expected.length).toBe(3);
    expect(await networkSplit(t.db, WINDOW)).toEqual(expected);
  });

  it("given people who joined with members' codes, a manager's code or none, then the referral figures count the same people", async () => {
    const byReferrer = new Map((await t.db.invitation.findMany({ where: { referrerId: { not: null } } })).map((v) => [v.id, v.referrerId!]));
    const joined = (await t.db.influencer.findMany({ where: { deletedAt: null } })).filter((i) => i.invitationId !== null && byReferrer.has(i.invitationId));
    const perCode = new Map<number, number>();
    for (const i of joined) perCode.set(i.invitationId!, (perCode.get(i.invitationId!) ?? 0) + 1);
    const top = [...perCode].sort(([a, x], [b, y]) => y - x || a - b).slice(0, 5).map(([code, referred]) => ({ id: byReferrer.get(code)!, referred }));
    const figures = await referralFigures(t.db);
    expect(joined.length).toBeGreaterThan(3);
    expect({ codes: figures.codes, joined: figures.joined, onboarded: figures.onboarded, top: figures.top.map(({ id, referred }) => ({ id, referred })) }).toEqual({
      codes: 3, joined: joined.length, onboarded: joined.filter((i) => i.status === "active" || i.status === "paused").length, top,
    });
  });

  it("given keys that only look like referral keys, then the referral figures count the referral keys alone", async () => {
    const referral = (await t.db.ledgerEntry.findMany()).filter((e) => e.idempotencyKey.startsWith("referral:"));
    const figures = await referralFigures(t.db);
    expect(figures.points).toBe(referral.reduce((a, e) => a + e.amount, 0));
    expect(figures.firstPosts).toBe(referral.filter((e) => e.idempotencyKey.endsWith(":first_post")).length);
    expect(figures.firstPosts).toBe(2);
  });
});
