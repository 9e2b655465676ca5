// Tiers end to end on the console harness: /points shows the tier and what the next one needs in
// the reader's language, with perks and badges; a manager changes tiers through the command table
// the CLI and /advo share.
import { describe, expect, it } from "vitest";
import { testProviders } from "../helpers/db.js";
import { engineOnTestDatabase } from "../helpers/engine.js";
import { appendEntry, currentCycle } from "../../src/services/ledger.js";
import { COMMANDS } from "../../src/cli/commands.js";
import { parseArgs } from "../../src/cli/args.js";
import { OPERATOR } from "../../src/services/managers.js";
import { FakeUser } from "../engine/harness.js";
import { seedMember } from "../engine/seed.js";

describe.each(testProviders())("tiers in /points on %s", (provider) => {
  const { deps, engine } = engineOnTestDatabase(provider);
  let n = 0;
  const give = async (influencerId: number, amount: number) => {
    const cycle = await currentCycle(deps.db, deps.clock);
    await appendEntry(deps.db, { influencerId, cycleId: cycle.id, amount, kind: "adjustment", idempotencyKey: `tiers:${++n}` });
  };
  const cli = (line: string) => {
    const args = parseArgs(line.split(" "));
    return COMMANDS[`${args.positionals[0]} ${args.positionals[1]}`]!.run(deps, args, OPERATOR);
  };

  it("given 620 points then /points says Silver and 880 points to Gold, in English and in Spanish", async () => {
    const inf = await seedMember(deps, "tia");
    await give(inf.id, 620);
    const user = new FakeUser(engine, "tia");
    await user.command("/points");
    expect(user.lastText()).toContain("Tier: Silver — 880 points to Gold");
    await deps.db.influencer.update({ where: { id: inf.id }, data: { locale: "es" } });
    await user.command("/points");
    expect(user.lastText()).toContain("Nivel: Plata — 880 puntos para Oro");
  });

  it("given a manager's tier with perks then /points shows the perks; a bad value is refused with the field", async () => {
    const set = await cli("tier set silver --perks Free-samples --perks-es Muestras-gratis --name-es Plata");
    expect(set.ok).toBe(true);
    const bad = await cli("tier set silver --threshold -5");
    expect(bad).toMatchObject({ ok: false, error: "growth.tier.invalid" });
    const user = new FakeUser(engine, "tia");
    await user.command("/points");
    expect(user.lastText()).toContain("Ventajas de Plata: Muestras-gratis");
    const list = await cli("tier list");
    expect(list.ok && list.value.text).toMatch(/silver\s+from\s+500 points/);
  });
});
