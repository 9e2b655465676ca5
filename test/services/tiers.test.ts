// Tiers and badges on a real database: tiers derived from random ledgers match a straightforward
// recomputation; reaching a tier or a badge is told once however often it is re-checked (also
// concurrently); the multiplier pays on approval; managers alone change tiers, audited.
import { describe, expect, it } from "vitest";
import { depsOnTestDatabase } from "../helpers/engine.js";
import fc from "fast-check";
import { testProviders } from "../helpers/db.js";
import { SEED } from "../props/settings.js";
import { appendEntry, currentCycle, type LedgerKind } from "../../src/services/ledger.js";
import { TIER_KINDS, announceProgress, readTierProgram, tierCard, tierOf, tierPoints } from "../../src/services/tiers.js";
import { listTiers, removeTier, setTier, setTierBasis } from "../../src/services/tiers-admin.js";
import { awardForSubmission } from "../../src/services/points.js";
import { approveSubmission } from "../../src/services/review.js";
import { tierStanding } from "../../src/domain/tiers.js";
import { MANAGER, STRANGER, managerConfig, seedInfluencer, seedSubmission } from "./manage/fixtures.js";
import { seedMission } from "../engine/seed.js";
import type { Deps } from "../../src/services/deps.js";

const KINDS: LedgerKind[] = ["mission", "adjustment", "bonus", "redemption", "refund", "reversal", "rollover", "expiry"];

describe.each(testProviders())("tiers and badges on %s", (provider) => {
  const { t, deps } = depsOnTestDatabase(provider, managerConfig);
  let key = 0;

  it("given random ledgers then each person's tier equals a recomputation from their entries", async () => {
    const cycle = await currentCycle(t.db, deps.clock);
    const other = await t.db.cycle.create({ data: { name: `old-${provider}`, status: "closed", startsAt: new Date(Date.UTC(2019, 0, 1)), endsAt: new Date(Date.UTC(2019, 3, 1)) } });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ kind: fc.constantFrom(...KINDS), amount: fc.integer({ min: -400, max: 900 }), old: fc.boolean() }), { maxLength: 12 }),
        fc.constantFrom("lifetime" as const, "cycle" as const),
        async (entries, basis) => {
          const inf = await seedInfluencer(t.db);
          for (const e of entries) {
            await appendEntry(t.db, { influencerId: inf.id, cycleId: e.old ? other.id : cycle.id, amount: e.amount, kind: e.kind, idempotencyKey: `tp:${++key}` });
          }
          await setTierBasis(deps, MANAGER, basis);
          const counted = entries.filter((e) => (TIER_KINDS as readonly string[]).includes(e.kind) && (basis === "lifetime" || !e.old));
          const expected = Math.max(0, counted.reduce((n, e) => n + e.amount, 0));
          const program = await readTierProgram(t.db);
          const got = await tierOf(deps, inf.id);
          expect(got.points).toBe(expected);
          expect(got.current?.key ?? null).toBe(tierStanding(expected, program.tiers).current?.key ?? null);
          expect((await tierPoints(t.db, [inf.id], basis, cycle.id)).get(inf.id)).toBe(expected);
        },
      ),
      { numRuns: Math.min(15, Number(process.env.PROPS_RUNS ?? 15)), seed: SEED },
    );
    await setTierBasis(deps, MANAGER, "lifetime");
  });

  it("given someone past Silver then re-checking, also concurrently, tells them once, in their language", async () => {
    const cycle = await currentCycle(t.db, deps.clock);
    const inf = await seedInfluencer(t.db, { locale: "es" });
    await appendEntry(t.db, { influencerId: inf.id, cycleId: cycle.id, amount: 620, kind: "adjustment", idempotencyKey: `tp:${++key}` });
    await Promise.all([announceProgress(deps, [inf.id]), announceProgress(deps, [inf.id]), announceProgress(deps, [inf.id])]);
    await announceProgress(deps, [inf.id]);
    const rows = await t.db.outboxMessage.findMany({ where: { influencerId: inf.id } });
    expect(rows.map((r) => r.dedupeKey)).toEqual([`tier:${inf.id}:silver`]);
    expect(rows[0]!.payload).toMatchObject({ messageId: "growth.tier.reached_next", params: { tier: "Plata", next: "Oro", missing: 880 } });
  });

  it("given a Gold tier with a multiplier then an approval pays the multiplied points, and the first approval earns a badge told once", async () => {
    const r = await setTier(deps, MANAGER, { key: "gold", multiplier: "1.5", perks: { en: "Early access", es: "Acceso anticipado" } });
    expect(r.ok).toBe(true);
    const cycle = await currentCycle(t.db, deps.clock);
    const inf = await seedInfluencer(t.db);
    await appendEntry(t.db, { influencerId: inf.id, cycleId: cycle.id, amount: 1600, kind: "adjustment", idempotencyKey: `tp:${++key}` });
    const mission = await seedMission(deps, { points: 100 });
    const sub = await seedSubmission(t.db, mission.id, inf.id);
    expect(await approveSubmission(deps, MANAGER, sub.id)).toMatchObject({ ok: true, value: { awarded: 150 } });
    expect(await awardForSubmission(deps, sub.id, MANAGER)).toMatchObject({ awarded: false, points: 150 });
    await approveSubmission(deps, MANAGER, sub.id);
    // The approval is told first, then what it brought, each once.
    const rows = await t.db.outboxMessage.findMany({ where: { influencerId: inf.id }, orderBy: { id: "asc" } });
    expect(rows.map((m) => m.purpose)).toEqual(["submission.approved", "tier.reached", "badge.earned"]);
    expect(rows.map((m) => m.dedupeKey).slice(1)).toEqual([`tier:${inf.id}:gold`, `badge:${inf.id}:first_post`]);
  });

  it("given an approval then the award reads the open cycle once (the tier multiplier reuses it)", async () => {
    const cycle = await currentCycle(t.db, deps.clock);
    const inf = await seedInfluencer(t.db);
    await appendEntry(t.db, { influencerId: inf.id, cycleId: cycle.id, amount: 1600, kind: "adjustment", idempotencyKey: `tp:${++key}` });
    const sub = await seedSubmission(t.db, (await seedMission(deps, { points: 100 })).id, inf.id);
    let cycleReads = 0;
    const counted = t.db.$extends({ query: { cycle: { $allOperations: ({ args, query }) => (cycleReads++, query(args)) } } }) as unknown as Deps["db"];
    expect(await awardForSubmission({ ...deps, db: counted }, sub.id, MANAGER)).toMatchObject({ awarded: true });
    expect(cycleReads).toBe(1);
  });

  it("given a stranger then every tier change is refused and audited; a manager's bad values are refused with the field", async () => {
    for (const r of [await setTier(deps, STRANGER, { key: "x", threshold: 5 }), await removeTier(deps, STRANGER, "gold"), await setTierBasis(deps, STRANGER, "cycle"), await listTiers(deps, STRANGER)]) {
      expect(r).toMatchObject({ ok: false, error: "manage.refused" });
    }
    expect(await t.db.auditLog.count({ where: { actor: STRANGER, outcome: "refused", action: { startsWith: "tiers." } } })).toBe(4);
    expect(await setTier(deps, MANAGER, { key: "silver", threshold: 1500 })).toMatchObject({ ok: false, error: "growth.tier.invalid", params: { field: "threshold" } });
    expect(await setTier(deps, MANAGER, { key: "silver", multiplier: "9" })).toMatchObject({ ok: false, error: "growth.tier.invalid", params: { field: "multiplier" } });
    expect(await setTier(deps, MANAGER, { key: "new" })).toMatchObject({ ok: false, error: "growth.tier.invalid", params: { field: "threshold" } });
    expect(await setTierBasis(deps, MANAGER, "weekly")).toMatchObject({ ok: false, params: { field: "basis" } });
    expect(await removeTier(deps, MANAGER, "nope")).toMatchObject({ ok: false, error: "growth.tier.not_found" });
    const added = await setTier(deps, MANAGER, { key: "Platinum", threshold: "5000", names: { en: "Platinum", it: "Platino" } });
    expect(added.ok && added.value.tiers.map((x) => x.key)).toEqual(["bronze", "silver", "gold", "platinum"]);
    expect(await t.db.auditLog.count({ where: { actor: MANAGER, action: "tiers.set", targetId: "platinum" } })).toBe(1);
  });

  it("given someone with 620 points then the manager's card says Plata in Spanish, 880 to Oro", async () => {
    const cycle = await currentCycle(t.db, deps.clock);
    const inf = await seedInfluencer(t.db);
    await appendEntry(t.db, { influencerId: inf.id, cycleId: cycle.id, amount: 620, kind: "mission", idempotencyKey: `tp:${++key}` });
    expect(await tierCard(deps, inf.id, "es")).toEqual({ tier: "Plata", points: 620, next: "Oro", toNext: 880 });
  });
});
