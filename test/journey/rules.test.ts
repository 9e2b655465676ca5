// The remaining rules: language choice over the platform hint, expired event ids, declining,
// submitting without accepting or twice for one mission, unknown missions and rewards.
import { describe, expect, it } from "vitest";
import { testProviders } from "../helpers/db.js";
import { engineOnTestDatabase } from "../helpers/engine.js";
import { DAY } from "../../src/clock.js";
import { firstDelivery, purgeExpiredEvents } from "../../src/engine/intake.js";
import { FakeUser } from "../engine/harness.js";
import { seedMember, seedMission } from "../engine/seed.js";

describe.each(testProviders())("journey rules on %s", (provider) => {
  const { deps, engine } = engineOnTestDatabase(provider);

  it("given a platform hint then replies use it until the user picks a language with /language, which then wins", async () => {
    const inf = await seedMember(deps, "lang");
    const user = new FakeUser(engine, "lang", "fr-CA");
    await user.command("/points");
    expect(user.lastText()).toContain("Vos points");
    expect((await deps.db.influencer.findUniqueOrThrow({ where: { id: inf.id } })).platformLocale).toBe("fr");
    await user.command("/language");
    await user.press("lang.set", "it");
    expect(user.lastText()).toBe("Fatto: ti parlerò in italiano.");
    await user.command("/points");
    expect(user.lastText()).toContain("I tuoi punti");
    await user.command("/language es");
    expect(user.lastText()).toBe("Hecho: te hablaré en español.");
    expect((await deps.db.influencer.findUniqueOrThrow({ where: { id: inf.id } })).locale).toBe("es");
  });

  it("given an event id older than its expiry then it counts as new again, and expired ids are purged", async () => {
    expect(await firstDelivery(deps, "exp:1", DAY)).toBe(true);
    expect(await firstDelivery(deps, "exp:1", DAY)).toBe(false);
    deps.clock.advance(2 * DAY);
    expect(await purgeExpiredEvents(deps)).toBeGreaterThan(0);
    expect(await firstDelivery(deps, "exp:1", DAY)).toBe(true);
    deps.clock.advance(-2 * DAY);
  });

  it("given a mission then declining, submitting before accepting, submitting twice and unknown ids each get their own answer", async () => {
    const inf = await seedMember(deps, "rules", [{ network: "instagram", handle: "rules.me" }]);
    const m = await seedMission(deps, { title: "Twice", networks: ["instagram"] });
    const other = await seedMission(deps, { title: "Other", networks: ["instagram"] });
    const user = new FakeUser(engine, "rules");
    await user.action("mission.decline", String(other.id));
    expect(user.lastText()).toBe('Okay, you declined "Other".');
    await user.command("/missions");
    expect(user.last[0]?.buttons.map((b) => b.label.split(" · ")[0])).toEqual(["Twice"]);
    // The Submit button answers at once when no link would be taken (no flow opened).
    await user.action("submit.start", String(m.id));
    expect(user.lastText()).toBe('Accept the mission "Twice" before sending a link.');
    await user.action("mission.accept", String(m.id));
    await user.action("mission.accept", String(m.id));
    expect(user.lastText()).toBe('You have already accepted "Twice".');
    await user.command("/submit https://www.instagram.com/p/Bxyz789/");
    expect(user.lastText()).toContain("pending verification");
    await user.action("submit.start", String(m.id));
    expect(user.lastText()).toBe('You have already sent a link for "Twice".');
    await user.action("mission.view", "999999");
    expect(user.lastText()).toBe("This mission does not exist any more.");
    await user.action("reward.redeem", "999999");
    expect(user.lastText()).toBe("This reward is not available.");
    await user.action("mission.nonsense", "1");
    expect(user.lastText()).toContain("no longer active");
    expect(await deps.db.submission.count({ where: { influencerId: inf.id } })).toBe(1);
  });
});
