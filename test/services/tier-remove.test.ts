// Removing a tier that missions list (stop 27), on SQLite and PostgreSQL: the removal names the
// missions still ahead that list it (draft, scheduled, published — not closed) and is refused
// unless forced (CLI --force) or confirmed for exactly those missions (chat); it is audited with
// them. Afterwards no card or refusal shows the bare key: the tiers still defined are named, and a
// mission left with none says nobody can take it.
import { describe, expect, it } from "vitest";
import { depsOnTestDatabase } from "../helpers/engine.js";
import { testProviders } from "../helpers/db.js";
import { parseArgs } from "../../src/cli/args.js";
import { TIER_COMMANDS } from "../../src/cli/commands-tiers.js";
import { readTierProgram } from "../../src/services/tiers.js";
import { missionsListingTier, removeTier } from "../../src/services/tiers-admin.js";
import { acceptMission } from "../../src/services/missions.js";
import { closeMission, createMissionDraft, previewMission, publishMission } from "../../src/services/missions-admin.js";
import { missionThreadMessage } from "../../src/services/mission-threads.js";
import { t as translate } from "../../src/i18n/translate.js";
import { toPlainText } from "../../src/engine/message.js";
import { MANAGER, STRANGER, managerConfig, missionValues, seedInfluencer } from "./manage/fixtures.js";

describe.each(testProviders())("removing a tier that missions list on %s", (provider) => {
  const { t, deps } = depsOnTestDatabase(provider, managerConfig);

  async function draft(title: string, tiers: string) {
    const m = await createMissionDraft(deps, MANAGER, missionValues({ title, deadline: "2027-03-01T00:00:00Z", tiers }));
    if (!m.ok) throw new Error(JSON.stringify(m));
    return m.value;
  }
  const keys = async () => (await readTierProgram(t.db)).tiers.map((x) => x.key);

  it("given a draft and a published mission listing silver (and a closed one) then removal is refused naming the two, and confirmed for them it removes and audits them", async () => {
    const both = await draft("Silver and gold", "silver, gold");
    const only = await draft("Silver only", "SILVER");
    await publishMission(deps, MANAGER, only.id);
    const closed = await draft("Old silver", "silver");
    await closeMission(deps, MANAGER, closed.id);
    await draft("Gold only", "gold");

    expect((await missionsListingTier(t.db, "silver")).map((m) => [m.id, m.status])).toEqual([[both.id, "draft"], [only.id, "published"]]);
    const refused = await removeTier(deps, MANAGER, "silver");
    expect(refused).toMatchObject({ ok: false, error: "growth.tier.in_use", params: { key: "silver", count: 2 } });
    if (!refused.ok) {
      expect(translate("en", refused.error, refused.params)).toBe(
        `2 missions list the tier “silver”: #${both.id} “Silver and gold” (draft), #${only.id} “Silver only” (published). Once it is gone nobody is in that tier, so they stay open only to the other tiers they list, or to nobody. Take the tier off them first (advo mission edit), or remove it anyway with advo tier remove silver --force.`,
      );
    }
    expect(await keys()).toEqual(["bronze", "silver", "gold"]);
    // confirmed for one of the two only: still refused
    expect(await removeTier(deps, MANAGER, "silver", { confirmed: [both.id] })).toMatchObject({ ok: false, error: "growth.tier.in_use" });
    // a stranger is refused before anything is said about missions
    expect(await removeTier(deps, STRANGER, "silver", { force: true })).toMatchObject({ ok: false, error: "manage.refused" });

    const r = await removeTier(deps, MANAGER, "silver", { confirmed: [both.id, only.id] });
    expect(r).toMatchObject({ ok: true, value: { removed: { key: "silver" }, listedBy: [{ id: both.id }, { id: only.id }] } });
    expect(await keys()).toEqual(["bronze", "gold"]);
    const row = await t.db.auditLog.findFirstOrThrow({ where: { action: "tiers.remove", targetId: "silver", outcome: "ok" } });
    expect(row.after).toEqual({ listedBy: [both.id, only.id] });

    // The cards: the tier still defined is named, a mission left with none says nobody can take it.
    const card = async (id: number) => {
      const p = await previewMission(deps, MANAGER, id, "en");
      if (!p.ok) throw new Error(p.error);
      return toPlainText(p.value);
    };
    expect(await card(both.id)).toContain("For Gold members");
    expect(await card(both.id)).not.toContain("For silver");
    expect(await card(only.id)).toContain("For members of a tier that no longer exists: nobody can take it");
    const mission = await t.db.mission.findUniqueOrThrow({ where: { id: only.id } });
    const thread = toPlainText(missionThreadMessage(mission, "es", "UTC", (await readTierProgram(t.db)).tiers));
    expect(thread).toContain("Para miembros de un nivel que ya no existe");
    // … and someone trying to take it is told so in their language.
    const person = await seedInfluencer(t.db, { locale: "fr" });
    const taken = await acceptMission(deps, person.id, only.id);
    expect(taken).toMatchObject({ ok: false, error: "growth.mission.tier_removed" });
    if (!taken.ok) expect(translate("fr", taken.error, taken.params)).toBe("« Silver only » était pour les membres d’un niveau qui n’existe plus : personne ne peut la faire désormais.");
  });

  it("given advo tier remove on a tier a mission lists then it exits refused, and with --force it removes and names the mission", async () => {
    const m = await draft("Gold rush", "gold");
    const run = (...args: string[]) => TIER_COMMANDS["tier remove"]!.run(deps, parseArgs(["tier", "remove", ...args]), MANAGER);
    expect(await run("gold")).toMatchObject({ ok: false, error: "growth.tier.in_use", params: { key: "gold" } });
    expect(await keys()).toContain("gold");
    const forced = await run("gold", "--force");
    if (!forced.ok) throw new Error(JSON.stringify(forced));
    expect(forced.value.text).toContain(`removed gold; still listed by`);
    expect(forced.value.text).toContain(`#${m.id} “Gold rush” (draft)`);
    expect(await keys()).not.toContain("gold");
    // a tier no mission lists goes without --force, as before
    expect(await run("bronze")).toMatchObject({ ok: true });
    expect(await keys()).toEqual([]);
  });
});
