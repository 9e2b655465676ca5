// CycleFunnel (issue 14) against the raw rows, on both databases: the per-cycle, per-person
// numbers kept by triggers must equal what Participation, Submission and Cycle give after every
// kind of write the product makes — rows created with times on and around the cycles' bounds,
// an acceptance recorded later, statuses moved in and out of "approved" one by one and in bulk,
// a submission re-dated, rows deleted directly and by cascade (a mission, a person), a cycle
// opened after its rows exist, a cycle closed early (its end moved back), a cycle deleted — and
// so must the migration's backfill, re-run on the same rows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rng, backfillStatements } from "../helpers/seeded.js";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";

const DAY = 86_400_000;
const T0 = Date.parse("2026-05-01T00:00:00Z");
const APPROVED = new Set(["verified", "approved"]);
const STATUSES = ["pending", "verified", "needs_review", "rejected", "approved", "withdrawn"];

type Row = { cycleId: number; influencerId: number; accepted: number; submitted: number; approved: number };
const byKey = (a: Row, b: Row) => a.cycleId - b.cycleId || a.influencerId - b.influencerId;

describe.each(testProviders())("CycleFunnel equals the raw rows on %s", (provider) => {
  let t: TestDatabase;
  const r = rng(23);
  const pick = <T,>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const cycles: number[] = [];
  const missions: number[] = [];
  const people: number[] = [];
  let n = 0;
  // times inside and outside the cycles, and exactly on their bounds
  const at = () => (r() < 0.15 ? new Date(T0 + Math.floor(r() * 4) * 3 * DAY) : new Date(T0 - DAY + Math.floor(r() * 11 * DAY)));

  /** What the table holds, rows whose numbers are all 0 left out (a person whose rows all left the cycle). */
  async function kept(): Promise<Row[]> {
    const rows = await t.db.cycleFunnel.findMany();
    return rows.filter((x) => x.accepted || x.submitted || x.approved).sort(byKey);
  }
  /** The same numbers from the rows, in plain code. */
  async function expected(): Promise<Row[]> {
    const out = new Map<string, Row>();
    const add = (cycleId: number, influencerId: number, d: Omit<Row, "cycleId" | "influencerId">) => {
      const k = `${cycleId}:${influencerId}`;
      const row = out.get(k) ?? { cycleId, influencerId, accepted: 0, submitted: 0, approved: 0 };
      row.accepted += d.accepted;
      row.submitted += d.submitted;
      row.approved += d.approved;
      out.set(k, row);
    };
    const all = await t.db.cycle.findMany();
    const holding = (d: Date | null) => (d ? all.filter((c) => c.startsAt <= d && d < c.endsAt) : []);
    for (const p of await t.db.participation.findMany()) for (const c of holding(p.acceptedAt)) add(c.id, p.influencerId, { accepted: 1, submitted: 0, approved: 0 });
    for (const s of await t.db.submission.findMany()) for (const c of holding(s.createdAt)) add(c.id, s.influencerId, { accepted: 0, submitted: 1, approved: APPROVED.has(s.status) ? 1 : 0 });
    return [...out.values()].sort(byKey);
  }
  async function participate(missionId: number, influencerId: number, acceptedAt: Date | null) {
    const part = await t.db.participation.create({ data: { missionId, influencerId, status: acceptedAt ? "accepted" : "offered", acceptedAt } });
    for (let k = 0; k < Math.floor(r() * 3); k++) {
      n++;
      await t.db.submission.create({ data: { participationId: part.id, missionId, influencerId, url: `https://x.example/${provider}/${n}`, originalUrl: `https://x.example/${n}`,
        network: "instagram", status: pick(STATUSES), createdAt: at() } });
    }
    return part.id;
  }

  beforeAll(async () => {
    t = await createTestDatabase(provider);
    for (let c = 0; c < 3; c++) cycles.push((await t.db.cycle.create({ data: { name: `C${c}`, startsAt: new Date(T0 + c * 3 * DAY), endsAt: new Date(T0 + (c + 1) * 3 * DAY) } })).id);
    for (let m = 0; m < 4; m++) missions.push((await t.db.mission.create({ data: { title: `M${m}`, brief: "b", points: 10, deadline: new Date(T0 + 30 * DAY), segment: {}, status: "published" } })).id);
    for (let i = 0; i < 14; i++) people.push((await t.db.influencer.create({ data: { status: "active", displayName: `p${i}` } })).id);
    for (const p of people) for (const m of missions) if (r() < 0.7) await participate(m, p, r() < 0.15 ? null : at());
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it("given rows created on and around the cycles' bounds, then each cycle counts its people's rows", async () => {
    const rows = await expected();
    expect(new Set(rows.map((x) => x.cycleId)).size).toBe(3);
    expect(rows.some((x) => x.approved > 0 && x.approved < x.submitted)).toBe(true);
    expect(await kept()).toEqual(rows);
  });

  it("given acceptances recorded later, re-dated and one by one or in bulk status changes, then the numbers follow", async () => {
    for (const p of await t.db.participation.findMany({ where: { acceptedAt: null } })) await t.db.participation.update({ where: { id: p.id }, data: { acceptedAt: at(), status: "accepted" } });
    const some = await t.db.participation.findMany({ take: 5, orderBy: { id: "desc" } });
    for (const p of some) await t.db.participation.update({ where: { id: p.id }, data: { acceptedAt: at() } });
    await t.db.participation.update({ where: { id: some[0]!.id }, data: { acceptedAt: null, status: "declined" } });
    await t.db.participation.updateMany({ where: { id: { in: some.slice(1, 3).map((p) => p.id) } }, data: { status: "submitted" } }); // no stage moves
    for (const s of await t.db.submission.findMany({ take: 12 })) await t.db.submission.update({ where: { id: s.id }, data: { status: pick(STATUSES) } });
    await t.db.submission.updateMany({ where: { status: "pending" }, data: { status: "verified" } });
    await t.db.submission.updateMany({ where: { status: "needs_review" }, data: { status: "rejected" } });
    await t.db.submission.updateMany({ where: { status: "approved", id: { gt: 10 } }, data: { status: "removed" } });
    const moved = await t.db.submission.findFirstOrThrow({ orderBy: { id: "asc" } });
    await t.db.submission.update({ where: { id: moved.id }, data: { createdAt: new Date(T0 + 8 * DAY) } });
    expect(await kept()).toEqual(await expected());
  });

  it("given rows deleted directly and by cascade from a mission and a person, then the numbers follow", async () => {
    await t.db.submission.deleteMany({ where: { id: { in: (await t.db.submission.findMany({ take: 4, orderBy: { id: "desc" } })).map((s) => s.id) } } });
    const part = await t.db.participation.findFirstOrThrow({ where: { submissions: { some: {} }, acceptedAt: { not: null } } });
    await t.db.participation.delete({ where: { id: part.id } });
    await t.db.mission.delete({ where: { id: missions[3]! } });
    await t.db.influencer.delete({ where: { id: people[0]! } });
    expect(await kept()).toEqual(await expected());
  });

  it("given a cycle opened after its rows exist, one closed early and one deleted, then each is rebuilt or gone", async () => {
    const late = await t.db.cycle.create({ data: { name: "late", startsAt: new Date(T0 + 9 * DAY), endsAt: new Date(T0 + 12 * DAY) } });
    expect((await kept()).some((x) => x.cycleId === late.id)).toBe(true);
    await t.db.cycle.update({ where: { id: cycles[1]! }, data: { endsAt: new Date(T0 + 4 * DAY + 7_200_000), status: "closed" } });
    await t.db.cycle.update({ where: { id: cycles[2]! }, data: { status: "closed", endsAt: new Date(T0 + 9 * DAY) } }); // the same end: nothing to rebuild
    await t.db.cycle.delete({ where: { id: cycles[0]! } });
    const rows = await expected();
    expect(rows.some((x) => x.cycleId === cycles[0])).toBe(false);
    expect(await kept()).toEqual(rows);
    expect((await t.db.cycleFunnel.findMany({ where: { cycleId: cycles[0]! } })).length).toBe(0);
  });

  it("given later writes into a rebuilt cycle, then the numbers still follow", async () => {
    const m = await t.db.mission.create({ data: { title: "M late", brief: "b", points: 10, deadline: new Date(T0 + 30 * DAY), segment: {}, status: "published" } });
    for (const [i, p] of people.slice(1, 6).entries()) await participate(m.id, p, new Date(T0 + (i % 2 ? 10 : 3) * DAY + 1));
    expect(await kept()).toEqual(await expected());
  });

  it("given the table emptied, then the migration's backfill rebuilds it from the existing rows", async () => {
    const statements = backfillStatements(provider, "cycle_funnel");
    expect(statements).toHaveLength(1);
    const before = await kept();
    await t.db.cycleFunnel.deleteMany();
    for (const s of statements) await t.db.$executeRawUnsafe(s);
    expect(await kept()).toEqual(before);
    expect(before).toEqual(await expected());
  });
});
