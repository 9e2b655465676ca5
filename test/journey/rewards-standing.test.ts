// Lists that mislead (issue 12, dead end 7, second half): /rewards says what can be redeemed now
// (and offers Redeem only there), and /points and the leaderboard agree about rolled-over points:
// the leaderboard ranks points earned this cycle, /points shows that number next to the balance.
import { describe, expect, it } from "vitest";
import { testProviders } from "../helpers/db.js";
import { engineOnTestDatabase } from "../helpers/engine.js";
import { appendEntry, currentCycle } from "../../src/services/ledger.js";
import { FakeUser } from "../engine/harness.js";
import { seedMember, seedReward } from "../engine/seed.js";

describe.each(testProviders())("rewards and standings on %s", (provider) => {
  const { deps, engine } = engineOnTestDatabase(provider);
  let n = 0;
  const give = async (influencerId: number, amount: number, kind: "mission" | "rollover" | "redemption") => {
    const cycle = await currentCycle(deps.db, deps.clock);
    await appendEntry(deps.db, { influencerId, cycleId: cycle.id, amount, kind, idempotencyKey: `standing:${++n}`, reason: "test" });
  };

  it("given 60 points then /rewards marks the affordable reward, says what the others miss, and offers Redeem only for it", async () => {
    const inf = await seedMember(deps, "mara");
    await give(inf.id, 60, "mission");
    const tote = await seedReward(deps, { name: "Tote bag", cost: 50, stock: 3 });
    await seedReward(deps, { name: "Trip", cost: 500, stock: null });
    await seedReward(deps, { name: "Cap", cost: 20, stock: 0 });
    const user = new FakeUser(engine, "mara");
    await user.command("/rewards");
    const text = user.lastText();
    expect(text).toContain("Tote bag — 50 points · 3 left · ✓ you can redeem it now");
    expect(text).toContain("Trip — 500 points · available · 440 more points needed");
    expect(text).toContain("Cap — 20 points · 0 left · out of stock");
    expect(user.last.flatMap((r) => r.buttons).map((b) => b.payload)).toEqual([String(tote.id)]);
  });

  it("given nothing affordable then /rewards says how to earn points and has no Redeem button", async () => {
    await seedMember(deps, "broke");
    const user = new FakeUser(engine, "broke");
    await user.command("/rewards");
    expect(user.lastText()).toContain("You cannot redeem any reward yet");
    expect(user.last.flatMap((r) => r.buttons)).toEqual([]);
  });

  it("given rolled-over points then /points shows the earned number the leaderboard ranks, and the leaderboard says what it counts", async () => {
    const inf = await seedMember(deps, "rolly");
    await give(inf.id, 200, "rollover");
    await give(inf.id, 70, "mission");
    await give(inf.id, -50, "redemption");
    const user = new FakeUser(engine, "rolly");
    await user.command("/points");
    expect(user.lastText()).toContain("): 220");
    expect(user.lastText()).toContain("Earned this cycle, as the leaderboard counts them: 70");
    expect(user.lastText()).toContain("Carried over from the last cycle: 200");
    await user.command("/leaderboard");
    expect(user.lastText()).toContain("rolly — 70");
    expect(user.lastText()).toMatch(/with 70 points\. The ranking counts points earned this cycle/);
  });
});
