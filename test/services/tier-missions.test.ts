// Missions restricted to tiers (issue 21), on SQLite and PostgreSQL: the publish audience is the
// people whose tier (derived from the ledger) is listed — equal, on random ledgers, to a
// straightforward per-person recomputation; only they are announced to, see and may accept it;
// someone who rose or dropped since publishing is judged at accept time; a refusal names the tier
// that unlocks the mission, in the reader's language; the card says which tiers it is for.
import { describe, expect, it } from "vitest";
import { depsOnTestDatabase } from "../helpers/engine.js";
import fc from "fast-check";
import { testProviders } from "../helpers/db.js";
import { SEED } from "../props/settings.js";
import { appendEntry, currentCycle, type LedgerKind } from "../../src/services/ledger.js";
import { TIER_KINDS, currentTierKeys, readTierProgram } from "../../src/services/tiers.js";
import { setTierBasis } from "../../src/services/tiers-admin.js";
import { audience } from "../../src/services/audience.js";
import { acceptMission, listEligibleMissions } from "../../src/services/missions.js";
import { createMissionDraft, previewMission, publishMission } from "../../src/services/missions-admin.js";
import { tierStanding } from "../../src/domain/tiers.js";
import { readSegment } from "../../src/domain/segment.js";
import { t as translate } from "../../src/i18n/translate.js";
import { toPlainText, type OutboundMessage } from "../../src/engine/message.js";
import { MANAGER, managerConfig, missionValues, seedInfluencer } from "./manage/fixtures.js";

const KINDS: LedgerKind[] = ["mission", "adjustment", "bonus", "redemption", "refund", "reversal", "rollover", "expiry"];
const TIER_KEYS = ["bronze", "silver", "gold"] as const;

describe.each(testProviders())("missions restricted to tiers on %s", (provider) => {
  const { t, deps } = depsOnTestDatabase(provider, managerConfig);
  let key = 0;

  const give = async (influencerId: number, amount: number, kind: LedgerKind = "adjustment") =>
    appendEntry(t.db, { influencerId, cycleId: (await currentCycle(t.db, deps.clock)).id, amount, kind, idempotencyKey: `tm:${++key}` });

  async function draft(tiers: string) {
    const m = await createMissionDraft(deps, MANAGER, missionValues({ title: `For ${tiers}`, deadline: "2027-03-01T00:00:00Z", tiers }));
    if (!m.ok) throw new Error(JSON.stringify(m));
    return m.value;
  }

  it("given random ledgers then the audience of a tier-restricted segment equals a per-person recomputation", async () => {
    const cycle = await currentCycle(t.db, deps.clock);
    const old = await t.db.cycle.create({ data: { name: `old-${provider}`, status: "closed", startsAt: new Date(Date.UTC(2019, 0, 1)), endsAt: new Date(Date.UTC(2019, 3, 1)) } });
    const person = fc.array(fc.record({ kind: fc.constantFrom(...KINDS), amount: fc.integer({ min: -600, max: 1200 }), old: fc.boolean() }), { maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(person, { minLength: 1, maxLength: 6 }),
        fc.subarray([...TIER_KEYS], { minLength: 1 }),
        fc.constantFrom("lifetime" as const, "cycle" as const),
        async (ledgers, wanted, basis) => {
          await setTierBasis(deps, MANAGER, basis);
          const program = await readTierProgram(t.db);
          const ids: number[] = [];
          const expected: number[] = [];
          for (const entries of ledgers) {
            const inf = await seedInfluencer(t.db);
            ids.push(inf.id);
            for (const e of entries) await appendEntry(t.db, { influencerId: inf.id, cycleId: e.old ? old.id : cycle.id, amount: e.amount, kind: e.kind, idempotencyKey: `tm:${++key}` });
            // The straightforward recomputation: this person's counted entries, summed, floored at 0.
            const counted = entries.filter((e) => (TIER_KINDS as readonly string[]).includes(e.kind) && (basis === "lifetime" || !e.old));
            const points = Math.max(0, counted.reduce((n, e) => n + e.amount, 0));
            const tier = tierStanding(points, program.tiers).current?.key ?? null;
            if (tier && wanted.includes(tier as (typeof wanted)[number])) expected.push(inf.id);
          }
          const segment = readSegment({ tiers: wanted });
          const got = (await audience(deps, { segment, influencerIds: ids })).map((r) => r.influencerId);
          expect(got).toEqual(expected);
          // The "all" path (audiences too large for an IN list) agrees.
          const keyOf = await currentTierKeys(t.db, "all");
          expect(ids.filter((id) => wanted.includes(keyOf(id) as (typeof wanted)[number]))).toEqual(expected);
        },
      ),
      { numRuns: Math.min(12, Number(process.env.PROPS_RUNS ?? 12)), seed: SEED },
    );
    await setTierBasis(deps, MANAGER, "lifetime");
  });

  it("given many people then the tier-restricted audience reads the ledger once, with one grouped query", async () => {
    const ids: number[] = [];
    for (let i = 0; i < 25; i++) {
      const inf = await seedInfluencer(t.db);
      ids.push(inf.id);
      await give(inf.id, i * 100);
    }
    // Count every call on the ledger table: a per-person query in a loop would show here.
    const calls: string[] = [];
    const ledger = new Proxy(t.db.ledgerEntry, { get: (target, name, receiver) => (calls.push(String(name)), Reflect.get(target, name, receiver)) });
    const db = new Proxy(t.db, { get: (target, name, receiver) => (name === "ledgerEntry" ? ledger : Reflect.get(target, name, receiver)) });
    const got = await audience({ ...deps, db }, { segment: readSegment({ tiers: ["gold"] }), influencerIds: ids });
    expect(got.map((r) => r.influencerId)).toEqual(ids.slice(15)); // 1,500 points and more
    expect(calls).toEqual(["groupBy"]);
  });

  it("given a mission for Silver and Gold then only Silver and Gold people are announced to, see it and may accept it", async () => {
    const bronze = await seedInfluencer(t.db, { locale: "es" });
    const silver = await seedInfluencer(t.db);
    const gold = await seedInfluencer(t.db, { locale: "fr" });
    await give(silver.id, 600);
    await give(gold.id, 2000);
    // A tier may be given by key or by its name in any language.
    const mission = await draft("silver, Oro");
    expect(readSegment(mission.segment).tiers).toEqual(["silver", "gold"]);
    expect((await publishMission(deps, MANAGER, mission.id)).ok).toBe(true);
    // (people of the earlier test are in the database too: only these three are looked at)
    const announced = await t.db.outboxMessage.findMany({ where: { purpose: "mission.announce", influencerId: { in: [bronze.id, silver.id, gold.id] }, dedupeKey: { startsWith: `mission:${mission.id}:announce:` } } });
    expect(announced.map((r) => r.influencerId).sort((a, b) => a! - b!)).toEqual([silver.id, gold.id]);
    const goldCard = toPlainText((announced.find((r) => r.influencerId === gold.id)!.payload as unknown as { message: OutboundMessage }).message);
    expect(goldCard).toContain("Pour les membres Argent et Or");

    const sees = async (id: number) => (await listEligibleMissions(deps, id)).some((m) => m.mission.id === mission.id);
    expect(await sees(bronze.id)).toBe(false);
    expect(await sees(silver.id)).toBe(true);

    const refused = await acceptMission(deps, bronze.id, mission.id);
    expect(refused).toMatchObject({ ok: false, error: "growth.mission.locked", params: { missing: 500 } });
    if (refused.ok) return;
    expect(translate("es", refused.error, refused.params)).toBe("«For silver, Oro» es para miembros Plata y Oro. Alcanza Plata para desbloquearla: te faltan 500 puntos.");
    expect(translate("en", refused.error, refused.params)).toContain("Reach Silver to unlock this one — 500 points to go.");
    expect(await acceptMission(deps, silver.id, mission.id)).toMatchObject({ ok: true });

    const preview = await previewMission(deps, MANAGER, mission.id, "en");
    if (!preview.ok) throw new Error(preview.error);
    expect(toPlainText(preview.value)).toContain("For Silver and Gold members");
  });

  it("given someone who rises or drops after publishing then the tier at accept time decides", async () => {
    const riser = await seedInfluencer(t.db);
    const dropper = await seedInfluencer(t.db);
    await give(dropper.id, 700);
    const mission = await draft("silver");
    await publishMission(deps, MANAGER, mission.id);
    expect(await t.db.outboxMessage.count({ where: { influencerId: riser.id, purpose: "mission.announce" } })).toBe(0);
    await give(riser.id, 550);
    await give(dropper.id, -300, "reversal"); // a post found removed: back under Silver
    expect(await acceptMission(deps, riser.id, mission.id)).toMatchObject({ ok: true });
    expect(await acceptMission(deps, dropper.id, mission.id)).toMatchObject({ ok: false, error: "growth.mission.locked", params: { missing: 100 } });
    // Spending points never lowers a tier, so it never closes a mission.
    const spender = await seedInfluencer(t.db);
    await give(spender.id, 600);
    await give(spender.id, -400, "redemption");
    expect(await acceptMission(deps, spender.id, mission.id)).toMatchObject({ ok: true });
  });

  it("given a mission for newcomers then a Gold member is told it is for Bronze only", async () => {
    const gold = await seedInfluencer(t.db, { locale: "it" });
    await give(gold.id, 1600);
    const mission = await draft("bronze");
    await publishMission(deps, MANAGER, mission.id);
    const r = await acceptMission(deps, gold.id, mission.id);
    expect(r).toMatchObject({ ok: false, error: "growth.mission.not_for_tier" });
    if (!r.ok) expect(translate("it", r.error, r.params)).toBe("\"For bronze\" è solo per i membri Bronzo.");
    // A tier removed after the mission was made: nobody is in it, and the answer says so (no bare key).
    const gone = await draft("silver");
    await publishMission(deps, MANAGER, gone.id);
    await t.db.mission.update({ where: { id: gone.id }, data: { segment: { tiers: ["diamond"] } } });
    const none = await acceptMission(deps, gold.id, gone.id);
    if (!none.ok) expect(translate("en", none.error, none.params)).toBe("\"For silver\" was for members of a tier that no longer exists, so nobody can take it now.");
    expect(none.ok).toBe(false);
  });

  it("given an unknown tier then the form names the field; no tiers means everyone", async () => {
    const bad = await createMissionDraft(deps, MANAGER, missionValues({ deadline: "2027-03-01T00:00:00Z", tiers: "platinum" }));
    expect(bad).toMatchObject({ ok: false, fieldErrors: [{ field: "tiers", messageId: "growth.form.tier_unknown" }] });
    const open = await draft("");
    expect(readSegment(open.segment).tiers).toEqual([]);
    const newcomer = await seedInfluencer(t.db);
    await publishMission(deps, MANAGER, open.id);
    expect(await acceptMission(deps, newcomer.id, open.id)).toMatchObject({ ok: true });
  });
});
