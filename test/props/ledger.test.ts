// The points ledger under random sequences of awards, adjustments, redemptions, refunds (cancelled
// redemptions), reversals, conversions (points per sale, and partial refunds of sales taking them back
// in proportion) and cycle closes — with retries and concurrent duplicates mixed in —
// against real Prisma (SQLite, and PostgreSQL when TEST_POSTGRES_URL is set), compared with a
// model after every step:
// - every balance a service reports equals the sum of the person's entries in the cycle;
// - no balance goes negative except after an explicit negative adjustment or a reversal;
// - nothing is applied twice (one entry per idempotency key; a duplicate changes nothing);
// - at a cycle close, per person, the closing balance = what is carried over + what expires.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../../src/clock.js";
import { closeCycle, setCycleSettings } from "../../src/services/cycles.js";
import { appendEntry, currentCycle, cycleBalance } from "../../src/services/ledger.js";
import { cancelRedemption } from "../../src/services/catalog-admin.js";
import { OPERATOR } from "../../src/services/managers.js";
import { adjustPoints } from "../../src/services/points-admin.js";
import { redeemReward } from "../../src/services/rewards.js";
import { recordConversion } from "../../src/services/conversions.js";
import { seedMission } from "../engine/seed.js";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";
import { testDeps } from "../helpers/deps.js";
import { isKnownReason, RUNS } from "./settings.js";

const PEOPLE = 3;
type Op =
  | { kind: "award"; who: number; points: number; key: number; dup: boolean }
  | { kind: "reverse"; key: number; dup: boolean }
  | { kind: "adjust"; who: number; points: number; request: number; dup: boolean }
  | { kind: "redeem"; who: number; reward: number; dup: boolean }
  | { kind: "cancel"; nth: number; dup: boolean }
  | { kind: "close"; dup: boolean }
  | { kind: "sale"; who: number; order: number; amount: number; dup: boolean }
  | { kind: "saleRefund"; order: number; refund: number; percent: number; dup: boolean };

/** Points a sale through a person's discount code pays (the mission's pointsPerConversion). */
const PER_SALE = 15;

const who = fc.integer({ min: 0, max: PEOPLE - 1 });
const dup = fc.boolean();
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("award" as const), who, points: fc.integer({ min: 1, max: 500 }), key: fc.integer({ min: 0, max: 6 }), dup }),
  fc.record({ kind: fc.constant("reverse" as const), key: fc.integer({ min: 0, max: 6 }), dup }),
  fc.record({ kind: fc.constant("adjust" as const), who, points: fc.integer({ min: -300, max: 300 }).filter((n) => n !== 0), request: fc.integer({ min: 0, max: 4 }), dup }),
  fc.record({ kind: fc.constant("redeem" as const), who, reward: fc.integer({ min: 0, max: 1 }), dup }),
  fc.record({ kind: fc.constant("cancel" as const), nth: fc.nat(5), dup }),
  fc.record({ kind: fc.constant("close" as const), dup }),
  fc.record({ kind: fc.constant("sale" as const), who, order: fc.integer({ min: 0, max: 4 }), amount: fc.integer({ min: 1, max: 20_000 }), dup }),
  fc.record({ kind: fc.constant("saleRefund" as const), order: fc.integer({ min: 0, max: 4 }), refund: fc.integer({ min: 0, max: 3 }), percent: fc.integer({ min: 1, max: 100 }), dup }),
);
const policy = fc.oneof(fc.constant({ policy: "reset" as const }), fc.record({ policy: fc.constant("rollover" as const), cap: fc.integer({ min: 0, max: 400 }) }));

/** Runs the call once, or twice at the same time (a platform retry racing the first try). */
async function maybeTwice<T>(twice: boolean, call: () => Promise<T>): Promise<T[]> {
  return twice ? Promise.all([call(), call()]) : [await call()];
}

describe.each(testProviders())("ledger properties on %s", (provider) => {
  let database: TestDatabase;
  let run = 0;
  // One clock for all runs, always moving forward: cycles close and open as they would in time.
  const clock = new FakeClock("2026-03-02T10:00:00Z");
  beforeAll(async () => {
    database = await createTestDatabase(provider);
  });
  afterAll(async () => database.destroy());

  it("for any sequence of ledger operations with duplicates, balances match the model and closes conserve points", { timeout: 600_000 }, async () => {
    await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), policy, async (ops, expiry) => {
      run++;
      clock.advance(86_400_000);
      const deps = testDeps(database, {}, clock);
      expect(await setCycleSettings(deps, OPERATOR, { bonuses: [], expiry })).toMatchObject({ ok: true });
      const people = await Promise.all(Array.from({ length: PEOPLE }, () => database.db.influencer.create({ data: { status: "active" } })));
      const rewards = await Promise.all([40, 250].map((cost) => database.db.reward.create({ data: { name: `R${run}-${cost}`, cost } })));
      // A mission paying PER_SALE points per attributed sale; each person's discount code for it.
      const mission = await seedMission(deps, { title: `Sale ${run}` });
      await database.db.mission.update({ where: { id: mission.id }, data: { pointsPerConversion: PER_SALE } });
      const codes: string[] = [];
      for (const p of people) {
        const part = await database.db.participation.create({ data: { missionId: mission.id, influencerId: p.id, status: "accepted", acceptedAt: clock.now() } });
        const code = `PROP${run}X${p.id}`;
        await database.db.discountCode.create({ data: { code, missionId: mission.id, influencerId: p.id, participationId: part.id, source: "generated", assignedAt: clock.now() } });
        codes.push(code);
      }
      // The model of sales: who was paid, the order's amount, refunded so far, points taken back so far.
      const sales = new Map<number, { who: number; amountMinor: number; refundedMinor: number; taken: number; refunds: Set<number> }>();
      // The model: balance in the open cycle, keys applied, awards that can be reversed, pending redemptions.
      const balance = new Map(people.map((p) => [p.id, 0]));
      const mayBeNegative = new Set<number>();
      const applied = new Set<string>();
      const awards = new Map<number, { id: number; points: number }>();
      const pending: { id: number; influencerId: number; cost: number }[] = [];
      let cycle = (await currentCycle(database.db, clock)).id;
      const add = (id: number, n: number) => balance.set(id, balance.get(id)! + n);

      for (const o of ops) {
        switch (o.kind) {
          case "award": {
            const p = people[o.who]!;
            const key = `submission:prop${run}:${o.key}`;
            await maybeTwice(o.dup, () => appendEntry(database.db, { influencerId: p.id, cycleId: cycle, amount: o.points, kind: "mission", idempotencyKey: key }));
            if (!applied.has(key)) {
              applied.add(key);
              awards.set(o.key, { id: p.id, points: o.points });
              add(p.id, o.points);
            }
            break;
          }
          case "reverse": {
            const award = awards.get(o.key);
            if (!award) break;
            const key = `reversal:submission:prop${run}:${o.key}`;
            await maybeTwice(o.dup, () => appendEntry(database.db, { influencerId: award.id, cycleId: cycle, amount: -award.points, kind: "reversal", idempotencyKey: key }));
            if (!applied.has(key)) {
              applied.add(key);
              add(award.id, -award.points);
              if (balance.get(award.id)! < 0) mayBeNegative.add(award.id);
            }
            break;
          }
          case "adjust": {
            const p = people[o.who]!;
            const requestId = `prop${run}:${o.request}`;
            const key = `adjustment:${requestId}`;
            const fresh = !applied.has(key);
            const results = await maybeTwice(o.dup, () => adjustPoints(deps, OPERATOR, { influencerId: p.id, points: o.points, reason: "property test", requestId }));
            // A retry of the same request id is answered, not applied again.
            expect(results.filter((r) => r.ok && r.value.created)).toHaveLength(fresh ? 1 : 0);
            if (fresh) {
              applied.add(key);
              add(p.id, o.points);
              if (o.points < 0) mayBeNegative.add(p.id);
            }
            for (const r of results) expect(r.ok).toBe(true);
            break;
          }
          case "redeem": {
            const p = people[o.who]!;
            const reward = rewards[o.reward]!;
            const results = await maybeTwice(o.dup, () => redeemReward(deps, p.id, reward.id));
            for (const r of results) {
              if (r.ok) {
                pending.push({ id: r.value.redemption.id, influencerId: p.id, cost: reward.cost });
                add(p.id, -reward.cost);
              } else {
                expect(r.error).toBe("journey.rewards.not_enough");
                expect(isKnownReason(r.error)).toBe(true);
              }
            }
            // Two at once can never both spend the same points.
            expect(balance.get(p.id)! >= 0 || mayBeNegative.has(p.id)).toBe(true);
            break;
          }
          case "cancel": {
            const r = pending[o.nth % Math.max(1, pending.length)];
            if (!r) break;
            const results = await maybeTwice(o.dup, () => cancelRedemption(deps, OPERATOR, r.id));
            expect(results.filter((x) => x.ok && x.value.refunded === r.cost)).toHaveLength(1);
            pending.splice(pending.indexOf(r), 1);
            add(r.influencerId, r.cost); // refunded into the open cycle (the one it was spent in, or the current)
            break;
          }
          case "close": {
            clock.advance(60_000);
            const results = await maybeTwice(o.dup, () => closeCycle(deps, OPERATOR, { force: true }));
            const won = results.filter((r) => r.ok);
            expect(won).toHaveLength(1);
            for (const r of results) if (!r.ok) expect(isKnownReason(r.error)).toBe(true);
            const summary = won[0]!.ok ? won[0]!.value : undefined;
            const next = summary!.nextCycleId;
            for (const p of people) {
              const closing = balance.get(p.id)!;
              const left = await cycleBalance(database.db, p.id, cycle);
              const carried = await cycleBalance(database.db, p.id, next);
              const expired = closing > 0 ? closing - carried : 0;
              // closing balance = carried over + expired (positive balances), debts stay where they are
              if (closing > 0) {
                expect(left).toBe(0);
                expect(carried).toBe(expiry.policy === "rollover" ? Math.min(closing, expiry.cap) : 0);
                expect(carried + expired).toBe(closing);
              } else {
                expect(left).toBe(closing);
                expect(carried).toBe(0);
              }
              balance.set(p.id, carried);
              mayBeNegative.delete(p.id);
            }
            cycle = next;
            break;
          }
          case "sale": {
            const p = people[o.who]!;
            const orderId = `prop${run}-o${o.order}`;
            await maybeTwice(o.dup, () => recordConversion(deps, { orderId, amountMinor: o.amount, currency: "EUR", codes: [codes[o.who]!], at: clock.now(), source: "postback" }));
            // The same order again (a shop retry, even with other figures) is recorded and paid once.
            if (!sales.has(o.order)) {
              sales.set(o.order, { who: o.who, amountMinor: o.amount, refundedMinor: 0, taken: 0, refunds: new Set() });
              add(p.id, PER_SALE);
            }
            break;
          }
          case "saleRefund": {
            const sale = sales.get(o.order);
            if (!sale) break;
            const amountMinor = Math.max(1, Math.round((sale.amountMinor * o.percent) / 100));
            await maybeTwice(o.dup, () => recordConversion(deps, { orderId: `prop${run}-o${o.order}`, refundId: `r${o.refund}`, amountMinor, currency: "EUR", codes: [], at: clock.now(), source: "postback" }));
            if (sale.refunds.has(o.refund)) break;
            sale.refunds.add(o.refund);
            // In all, round(paid × refunded so far ÷ order amount) goes back, never more than was paid.
            sale.refundedMinor += amountMinor;
            const due = Math.min(PER_SALE, Math.round((PER_SALE * sale.refundedMinor) / sale.amountMinor));
            if (due > sale.taken) {
              const id = people[sale.who]!.id;
              add(id, -(due - sale.taken));
              sale.taken = due;
              if (balance.get(id)! < 0) mayBeNegative.add(id);
            }
            break;
          }
        }
        // After every step: the database agrees with the model, and nothing is applied twice.
        for (const p of people) {
          const actual = await cycleBalance(database.db, p.id, cycle);
          expect(actual).toBe(balance.get(p.id));
          if (!mayBeNegative.has(p.id)) expect(actual).toBeGreaterThanOrEqual(0);
        }
      }
      const keys = await database.db.ledgerEntry.groupBy({ by: ["idempotencyKey"], where: { influencerId: { in: people.map((p) => p.id) } }, _count: { _all: true } });
      expect(keys.every((k) => k._count._all === 1)).toBe(true);
    }), { numRuns: Math.max(5, Math.round(RUNS / 10)) });
  });
});
