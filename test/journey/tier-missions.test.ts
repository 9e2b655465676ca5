// Tier-restricted missions on the console harness (issue 21): a Bronze member does not find a
// Silver mission under /missions, opens its card (it says who it is for) and presses Accept to be
// told, in Spanish, which tier unlocks it and how many points are missing; once they reach Silver
// the same button takes the mission.
import { describe, expect, it } from "vitest";
import { testProviders } from "../helpers/db.js";
import { engineOnTestDatabase } from "../helpers/engine.js";
import { appendEntry, currentCycle } from "../../src/services/ledger.js";
import { FakeUser } from "../engine/harness.js";
import { seedMember, seedMission } from "../engine/seed.js";

describe.each(testProviders())("tier-restricted missions in the chat on %s", (provider) => {
  const { deps, engine } = engineOnTestDatabase(provider);

  it("given a Bronze member then a Silver mission is hidden, its card says who it is for, and Accept says what unlocks it until they reach Silver", async () => {
    const inf = await seedMember(deps, "lola");
    await deps.db.influencer.update({ where: { id: inf.id }, data: { locale: "es" } });
    const m = await seedMission(deps, { title: "Solo Plata", segment: { regions: [], interests: [], networks: [], tags: [], tiers: ["silver", "gold"] } });
    await seedMission(deps, { title: "Para todos" });
    const user = new FakeUser(engine, "lola");

    await user.command("/missions");
    expect(user.last[0]?.buttons.map((b) => b.label.split(" · ")[0])).toEqual(["Para todos"]);

    await user.action("mission.view", String(m.id));
    expect(user.lastText()).toContain("Para miembros Plata y Oro");
    await user.action("mission.accept", String(m.id));
    expect(user.lastText()).toContain("Alcanza Plata para desbloquearla: te faltan 500 puntos.");
    expect(await deps.db.participation.count({ where: { influencerId: inf.id, missionId: m.id, status: "accepted" } })).toBe(0);

    const cycle = await currentCycle(deps.db, deps.clock);
    await appendEntry(deps.db, { influencerId: inf.id, cycleId: cycle.id, amount: 520, kind: "adjustment", idempotencyKey: "lola:bonus" });
    await user.action("mission.accept", String(m.id));
    expect(await deps.db.participation.count({ where: { influencerId: inf.id, missionId: m.id, status: "accepted" } })).toBe(1);
  });
});
