// The maintained standings (CycleScore, updated by appendEntry) against a recomputation from the
// ledger itself (rankStandings over the earning entries) on random ledgers: same ranks, same
// points, same own rank and participant count — for visible people only (erased/left are hidden).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";
import { testDeps } from "../helpers/deps.js";
import { appendEntry, currentCycle, type LedgerKind } from "../../src/services/ledger.js";
import { cycleStandings, leaderboard } from "../../src/services/leaderboard.js";
import { EARNING_KINDS, rankStandings } from "../../src/domain/cycle-close.js";
import { closeCycle } from "../../src/services/cycles.js";

const KINDS: LedgerKind[] = ["mission", "adjustment", "bonus", "redemption", "refund", "reversal"];
const PEOPLE = 6;

const ledgerArb = fc.record({
  entries: fc.array(
    fc.record({ who: fc.nat({ max: PEOPLE - 1 }), kind: fc.constantFrom(...KINDS), amount: fc.integer({ min: -30, max: 60 }), dup: fc.boolean() }),
    { minLength: 0, maxLength: 25 },
  ),
  hidden: fc.subarray([0, 1, 2, 3, 4, 5], { maxLength: 2 }),
  concurrent: fc.boolean(),
});

describe.each(testProviders())("live standings on %s", (provider) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
  });
  afterAll(async () => t?.destroy());

  it("given random ledgers then the maintained standings equal a recomputation from the ledger", async () => {
    const deps = testDeps(t);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(ledgerArb, async ({ entries, hidden, concurrent }) => {
        run++;
        // A fresh cycle per run: the previous run's cycle is closed out of the way.
        await t.db.cycle.updateMany({ where: { status: "open" }, data: { status: "closed" } });
        const start = new Date(Date.UTC(2000 + run, 0, 1));
        const cycle = await t.db.cycle.create({ data: { name: `c${run}`, startsAt: start, endsAt: new Date(start.getTime() + 86_400_000) } });
        const people: { id: number }[] = [];
        for (let i = 0; i < PEOPLE; i++) {
          people.push(await t.db.influencer.create({ data: { displayName: `p${run}-${i}`, status: hidden.includes(i) ? (i % 2 ? "left" : "deleted") : "active" } }));
        }
        const writes = entries.map((e, i) => ({
          influencerId: people[e.who]!.id, cycleId: cycle.id, amount: e.amount, kind: e.kind,
          // a duplicate reuses the previous key: it must land once
          idempotencyKey: `r${run}:${e.dup && i > 0 ? i - 1 : i}`,
        }));
        if (concurrent) await Promise.all(writes.map((w) => appendEntry(t.db, w)));
        else for (const w of writes) await appendEntry(t.db, w);

        const ledger = await t.db.ledgerEntry.findMany({ where: { cycleId: cycle.id, kind: { in: [...EARNING_KINDS] } }, orderBy: { id: "asc" } });
        const visible = new Set(people.filter((_, i) => !hidden.includes(i)).map((p) => p.id));
        const sums = new Map<number, { earned: number; lastEntryId: number }>();
        for (const e of ledger) {
          const s = sums.get(e.influencerId) ?? { earned: 0, lastEntryId: 0 };
          sums.set(e.influencerId, { earned: s.earned + e.amount, lastEntryId: Math.max(s.lastEntryId, e.id) });
        }
        const expected = rankStandings(
          [...sums].filter(([id, s]) => visible.has(id) && s.earned > 0).map(([influencerId, s]) => ({ influencerId, ...s })),
          [],
        );
        expect(await cycleStandings(t.db, cycle.id)).toEqual(expected);

        expect((await currentCycle(t.db, deps.clock)).id).toBe(cycle.id);
        for (const p of people) {
          const lb = await leaderboard(deps, p.id, 3);
          expect(lb.participants).toBe(expected.length);
          expect(lb.top.map((r) => [r.rank, r.influencerId, r.points])).toEqual(expected.slice(0, 3).map((s) => [s.rank, s.influencerId, s.points]));
          const mine = expected.find((s) => s.influencerId === p.id);
          expect(lb.own && [lb.own.rank, lb.own.points]).toEqual(mine ? [mine.rank, mine.points] : null);
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it("given a live board then the cycle close snapshots the same ranks, and notices go to each person's most recently used account", async () => {
    const deps = testDeps(t, { MANAGERS: "slack:UM" });
    await t.db.cycle.updateMany({ where: { status: "open" }, data: { status: "closed" } });
    const cycle = await t.db.cycle.create({ data: { name: "close-me", startsAt: new Date("2030-01-01Z"), endsAt: new Date("2030-04-01Z") } });
    const mk = async (name: string, status = "active") => t.db.influencer.create({ data: { displayName: name, status } });
    const [a, b, c, gone] = [await mk("a"), await mk("b"), await mk("c"), await mk("gone", "deleted")];
    await t.db.platformAccount.create({ data: { influencerId: a.id, platform: "telegram", externalId: "ta", chatId: "old", updatedAt: new Date("2030-01-02Z") } });
    await t.db.platformAccount.create({ data: { influencerId: a.id, platform: "discord", externalId: "da", chatId: "new", updatedAt: new Date("2030-01-03Z") } });
    const give = (influencerId: number, amount: number, key: string) => appendEntry(t.db, { influencerId, cycleId: cycle.id, amount, kind: "mission", idempotencyKey: `close:${key}` });
    await give(b.id, 30, "b1");
    await give(a.id, 30, "a1");
    await give(gone.id, 99, "g1");
    await give(c.id, 10, "c1");
    const live = await cycleStandings(t.db, cycle.id);
    expect(live.map((s) => s.influencerId)).toEqual([b.id, a.id, c.id]);

    deps.clock.set("2030-04-01T00:01:00Z");
    const r = await closeCycle(deps, "system");
    expect(r.ok && r.value.participants).toBe(3);
    const snapshot = await t.db.cycleStanding.findMany({ where: { cycleId: cycle.id }, orderBy: { rank: "asc" } });
    expect(snapshot.map((s) => [s.influencerId, s.rank, s.points])).toEqual(live.map((s) => [s.influencerId, s.rank, s.points]));
    const notice = await t.db.outboxMessage.findFirstOrThrow({ where: { purpose: "cycle.closed", influencerId: a.id } });
    expect([notice.platform, notice.recipient]).toEqual(["discord", "new"]);
    expect(notice.payload).toEqual({ kind: "i18n", messageId: "manage.cycle.closed_notice", params: { cycle: "close-me", rank: 2, points: 30 } });
  }, 60_000);
});
