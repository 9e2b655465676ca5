import { t as translate } from "../../../src/i18n/translate.js";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, testProviders, type TestDatabase } from "../../helpers/db.js";
import { testDeps } from "../../helpers/deps.js";
import { distinctCycleName } from "../../../src/domain/cycles.js";
import { closeCycle, getCycleSettings, setCycleSettings } from "../../../src/services/cycles.js";
import { appendEntry, cycleBalance, type LedgerKind } from "../../../src/services/ledger.js";
import { rankStandings } from "../../../src/domain/cycle-close.js";
import { MANAGER, STRANGER, managerConfig, seedInfluencer } from "./fixtures.js";

describe("standings tie-break", () => {
  it("given equal points then whoever reached the total first ranks higher, then the smaller id", () => {
    expect(rankStandings([
      { influencerId: 1, earned: 50, lastEntryId: 9 },
      { influencerId: 2, earned: 80, lastEntryId: 3 },
      { influencerId: 3, earned: 50, lastEntryId: 4 },
      { influencerId: 4, earned: 0, lastEntryId: 1 },
    ], [500, 300, 100, 50])).toEqual([
      { influencerId: 2, rank: 1, points: 80, bonus: 500 },
      { influencerId: 3, rank: 2, points: 50, bonus: 300 },
      { influencerId: 1, rank: 3, points: 50, bonus: 100 },
      { influencerId: 4, rank: 4, points: 0, bonus: 0 },
    ]);
  });
});

describe.each(testProviders())("cycle close on %s", (provider) => {
  let t: TestDatabase;
  beforeEach(async () => {
    await t?.destroy();
    t = await createTestDatabase(provider);
  });
  afterAll(async () => t?.destroy());

  async function seedCycle() {
    const q1 = await t.db.cycle.create({ data: { name: "2026-Q1", startsAt: new Date("2026-01-01"), endsAt: new Date("2026-04-01") } });
    const a = await seedInfluencer(t.db, { name: "Ana" });
    const b = await seedInfluencer(t.db, { name: "Bo" });
    const c = await seedInfluencer(t.db, { name: "Cy" });
    const entry = (influencerId: number, amount: number, kind: LedgerKind, key: string) => appendEntry(t.db, { influencerId, cycleId: q1.id, amount, kind, idempotencyKey: key });
    await entry(b.id, 300, "mission", "s1");
    await entry(a.id, 300, "mission", "s2"); // same total as Bo, reached later → rank 2
    await entry(a.id, -100, "redemption", "r1");
    await entry(c.id, 50, "mission", "s3");
    return { q1, a, b, c };
  }

  it("given a non-manager or a cycle not yet due then nothing closes", async () => {
    const deps = testDeps(t, managerConfig);
    await seedCycle();
    expect(await closeCycle(deps, STRANGER)).toEqual({ ok: false, error: "manage.refused" });
    expect(await closeCycle(deps, MANAGER)).toEqual({ ok: false, error: "manage.cycle.not_due", params: { cycle: "2026-Q1", endsAt: { $date: "2026-04-01T00:00:00.000Z" } } });
    // The date travels as JSON and is shown in the reader's language and zone (issue 17).
    const notDue = await closeCycle(deps, MANAGER);
    expect(!notDue.ok && translate({ locale: "es", timeZone: "America/Mexico_City" }, notDue.error, notDue.params)).toBe("El ciclo 2026-Q1 dura hasta el 31 mar 2026, 18:00 GMT-6; ciérralo antes de forma explícita si es lo que quieres.");
    expect(await t.db.cycle.count({ where: { status: "open" } })).toBe(1);
  });

  it("given reset policy and a bonus table then standings, bonuses, expiry, notices and the next cycle; twice does nothing", async () => {
    const deps = testDeps(t, managerConfig);
    const { q1, a, b, c } = await seedCycle();
    expect((await setCycleSettings(deps, MANAGER, { bonuses: [500, 300] })).ok).toBe(true);
    deps.clock.set("2026-04-01T00:05:00Z");
    const r = await closeCycle(deps, "system");
    if (!r.ok) throw new Error(r.error);
    expect(r.value).toMatchObject({ cycleName: "2026-Q1", nextCycleName: "2026-Q2", participants: 3, bonusesPaid: 800, expired: 200 + 300 + 50, rolledOver: 0, notified: 3 });
    const standings = await t.db.cycleStanding.findMany({ where: { cycleId: q1.id }, orderBy: { rank: "asc" } });
    expect(standings.map((s) => [s.influencerId, s.rank, s.points, s.bonus])).toEqual([[b.id, 1, 300, 500], [a.id, 2, 300, 300], [c.id, 3, 50, 0]]);
    expect(await cycleBalance(t.db, a.id, q1.id)).toBe(0);
    const next = await t.db.cycle.findFirstOrThrow({ where: { status: "open" } });
    expect(next).toMatchObject({ name: "2026-Q2", startsAt: new Date("2026-04-01") });
    expect(await cycleBalance(t.db, b.id, next.id)).toBe(500);
    expect(await cycleBalance(t.db, c.id, next.id)).toBe(0);
    const notices = await t.db.outboxMessage.findMany({ where: { batchKey: `cycle:${q1.id}:closed` }, orderBy: { influencerId: "asc" } });
    expect(notices.map((n) => (n.payload as { messageId: string }).messageId)).toEqual(["manage.cycle.winner_notice", "manage.cycle.winner_notice", "manage.cycle.closed_notice"]);

    const before = await t.db.ledgerEntry.count();
    // The old cycle is closed; the next one is not due: closing again changes nothing.
    expect(await closeCycle(deps, "system")).toMatchObject({ ok: false, error: "manage.cycle.not_due" });
    expect(await t.db.ledgerEntry.count()).toBe(before);
  });

  it("given a dry run then the exact figures of a close come back and nothing changes (the CLI's confirmation)", async () => {
    const deps = testDeps(t, managerConfig);
    const { q1 } = await seedCycle();
    expect((await setCycleSettings(deps, MANAGER, { bonuses: [500, 300] })).ok).toBe(true);
    deps.clock.set("2026-04-01T00:05:00Z");
    const counts = async () => [await t.db.ledgerEntry.count(), await t.db.cycle.count(), await t.db.outboxMessage.count(), await t.db.cycleStanding.count(), await t.db.auditLog.count({ where: { action: "cycle.close" } })];
    const before = await counts();
    const preview = await closeCycle(deps, MANAGER, { dryRun: true });
    expect(preview).toMatchObject({ ok: true, value: { cycleName: "2026-Q1", nextCycleName: "2026-Q2", participants: 3, bonusesPaid: 800, expired: 550, rolledOver: 0, notified: 3 } });
    expect(await counts()).toEqual(before);
    expect(await t.db.cycle.findUniqueOrThrow({ where: { id: q1.id } })).toMatchObject({ status: "open", closedAt: null });
    const real = await closeCycle(deps, MANAGER);
    expect(real.ok && preview.ok ? { ...real.value, nextCycleId: 0 } : real).toEqual(preview.ok ? { ...preview.value, nextCycleId: 0 } : preview);
  });

  it("given the next cycle would be named like the closing one then it gets a distinct name", () => {
    // the rule closeCycle applies (src/domain/cycles.ts), against the recent names it reads
    expect(distinctCycleName("2026-Q4 (2026-12-07)", ["2026-Q4 (2026-12-07)"])).not.toBe("2026-Q4 (2026-12-07)");
    expect(distinctCycleName("2026-Q4 (2026-12-07)", ["2026-Q4"])).toBe("2026-Q4 (2026-12-07)");
  });

  it("given two closes at once then exactly one does the work", async () => {
    const deps = testDeps(t, managerConfig);
    const { q1 } = await seedCycle();
    deps.clock.set("2026-04-02T00:00:00Z");
    const results = await Promise.all([closeCycle(deps, "system"), closeCycle(deps, MANAGER)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    // The loser sees the close in progress (already_closed) or, if it read after the winner's commit,
    // the next cycle that is not due yet: either way it did nothing.
    const loser = results.find((r) => !r.ok);
    expect(loser && !loser.ok ? loser.error : "none").toMatch(/^manage\.cycle\.(already_closed|not_due)$/);
    expect(await t.db.cycleStanding.count({ where: { cycleId: q1.id } })).toBe(3);
    expect(await t.db.cycle.count()).toBe(2);
  });

  it("given capped rollover then the balance up to the cap moves into the next cycle", async () => {
    const deps = testDeps(t, managerConfig);
    const { q1, a, b, c } = await seedCycle();
    await setCycleSettings(deps, MANAGER, { expiry: { policy: "rollover", cap: 100 } });
    const r = await closeCycle(deps, "operator", { force: true });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.rolledOver).toBe(250);
    const next = await t.db.cycle.findFirstOrThrow({ where: { status: "open" } });
    expect(next.startsAt.toISOString()).toBe("2026-01-05T09:00:00.000Z"); // forced early: the rest of the quarter
    expect([await cycleBalance(t.db, a.id, next.id), await cycleBalance(t.db, b.id, next.id), await cycleBalance(t.db, c.id, next.id)]).toEqual([100, 100, 50]);
    expect(await cycleBalance(t.db, a.id, q1.id)).toBe(0);
    expect((await getCycleSettings(t.db)).expiry).toEqual({ policy: "rollover", cap: 100 });
  });

  it.each(["standings", "ledger", "outbox"] as const)("given a crash after %s then the old state is intact and a retry closes", async (stage) => {
    const deps = testDeps(t, managerConfig);
    const { q1 } = await seedCycle();
    await setCycleSettings(deps, MANAGER, { bonuses: [10] });
    deps.clock.set("2026-04-01T00:00:00Z");
    const ledgerBefore = await t.db.ledgerEntry.count();
    await expect(closeCycle(deps, "system", { failAfter: stage })).rejects.toThrow(/injected failure/);
    expect((await t.db.cycle.findUniqueOrThrow({ where: { id: q1.id } })).status).toBe("open");
    expect(await t.db.cycle.count()).toBe(1);
    expect(await t.db.cycleStanding.count()).toBe(0);
    expect(await t.db.ledgerEntry.count()).toBe(ledgerBefore);
    expect(await t.db.outboxMessage.count()).toBe(0);
    const retry = await closeCycle(deps, "system");
    expect(retry.ok).toBe(true);
  });
});
