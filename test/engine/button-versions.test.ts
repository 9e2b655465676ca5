// Step buttons carry the flow version: a click on a step that is over gets the polite "moved on"
// answer and changes nothing; a click that moves the step on takes the buttons off its message;
// a toggle replaces its own message.
import { beforeAll, describe, expect, it } from "vitest";
import { testProviders } from "../helpers/db.js";
import { engineOnTestDatabase } from "../helpers/engine.js";
import { createEngine } from "../../src/engine/engine.js";
import { splitVersion } from "../../src/engine/button-versions.js";
import { toPlainText, type Button, type OutboundMessage } from "../../src/engine/message.js";
import { FakeUser } from "./harness.js";
import { seedInvitation } from "./seed.js";

const buttonsOf = (replies: OutboundMessage[]): Button[] => replies.flatMap((r) => (r.buttons ?? []).flat());

describe.each(testProviders())("step buttons on %s", (provider) => {
  const { deps } = engineOnTestDatabase(provider);
  beforeAll(async () => {
    await seedInvitation(deps, "STEPS", { maxUses: 10 });
  });

  it("given onboarding buttons then they carry the version, and an old one is answered 'moved on' without any change", async () => {
    const engine = createEngine(deps);
    const user = new FakeUser(engine, "steps-fr", "fr");
    await user.command("/start STEPS");
    const consent = user.last.flatMap((r) => r.buttons).find((b) => b.payload === "yes")!;
    expect(splitVersion(consent.action)).toEqual({ id: "onb.consent", version: expect.any(Number) });

    // Agreeing moves the step on: the consent message loses its buttons, the next question follows.
    const answer = await engine.handle(user.event({ type: "action", id: consent.action, payload: "yes", messageId: "m1" }));
    expect(answer[0]).toEqual({ blocks: [], buttons: [], replace: "buttons" });
    expect(buttonsOf(answer).every((b) => splitVersion(b.action).version !== splitVersion(consent.action).version)).toBe(true);

    const before = await deps.db.conversation.findUniqueOrThrow({ where: { key: "console:steps-fr" } });
    const influencerBefore = await deps.db.influencer.findFirstOrThrow({ where: { accounts: { some: { externalId: "steps-fr" } } } });
    // The same consent button again (a second tap, another device): polite, nothing changes.
    const stale = await engine.handle(user.event({ type: "action", id: consent.action, payload: "no", messageId: "m1" }));
    expect(stale).toHaveLength(2);
    expect(stale[0]).toMatchObject({ replace: "buttons", buttons: [] });
    expect(stale[1]).toMatchObject({ ephemeral: true });
    expect(toPlainText(stale[1]!)).toBe("Cette étape est passée : utilisez le dernier message.");
    const after = await deps.db.conversation.findUniqueOrThrow({ where: { key: "console:steps-fr" } });
    expect({ step: after.step, version: after.version, data: after.data }).toEqual({ step: before.step, version: before.version, data: before.data });
    const influencerAfter = await deps.db.influencer.findUniqueOrThrow({ where: { id: influencerBefore.id } });
    expect(influencerAfter).toEqual(influencerBefore);
  });

  it("given the interests step then a toggle replaces its own message with the new choice", async () => {
    const user = new FakeUser(createEngine(deps), "steps-en", "en");
    await user.command("/start STEPS");
    await user.press("onb.consent", "yes");
    await user.press("onb.tz_skip");
    await user.press("onb.net", "instagram");
    await user.say("@steps.en");
    await user.press("onb.handles_done");
    await user.press("onb.region", "es");
    const toggled = await user.press("onb.interest", "fashion");
    expect(toggled).toHaveLength(1);
    expect(toggled[0]!.message.replace).toBe("message");
    expect(toggled[0]!.buttons.find((b) => b.payload === "fashion")?.label).toBe("✓ Fashion");
  });

  it("given a bare action id (a button from before versions) then it still works", async () => {
    const user = new FakeUser(createEngine(deps), "steps-old", "en");
    await user.command("/start STEPS");
    await user.action("onb.consent", "yes");
    expect(user.lastText()).toContain("Your time zone");
  });
});
