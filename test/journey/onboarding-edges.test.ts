// Onboarding edges (issue 12, dead end 6): codes typed loosely, /language and /help in the middle
// of onboarding, "Not now" with a way back, and a handle entered twice moving on.
import { beforeAll, describe, expect, it } from "vitest";
import { testProviders } from "../helpers/db.js";
import { engineOnTestDatabase } from "../helpers/engine.js";
import { splitVersion } from "../../src/engine/button-versions.js";
import { FakeUser } from "../engine/harness.js";
import { seedInvitation } from "../engine/seed.js";

describe.each(testProviders())("onboarding edges on %s", (provider) => {
  const { deps, engine } = engineOnTestDatabase(provider);
  beforeAll(async () => {
    await seedInvitation(deps, "SPRING26", { maxUses: 10 });
  });

  const step = async (user: string) => (await deps.db.conversation.findUniqueOrThrow({ where: { key: `console:${user}` } })).step;

  it("given a code typed in lower case and with spaces then it is accepted", async () => {
    const a = new FakeUser(engine, "lower");
    await a.command("/start spring26");
    expect(a.transcript[0]?.text).toContain("Welcome to");
    const b = new FakeUser(engine, "spaced");
    await b.command("/start spr ing 26");
    expect(b.transcript[0]?.text).toContain("Welcome to");
    expect((await deps.db.invitation.findUniqueOrThrow({ where: { code: "SPRING26" } })).uses).toBe(2);
  });

  it("given Not now then the answer carries the I agree button and the /start hint, and the button still works", async () => {
    const user = new FakeUser(engine, "hesitant");
    await user.command("/start SPRING26");
    await user.press("onb.consent", "no");
    expect(user.lastText()).toContain("/start");
    await user.press("onb.consent", "yes");
    expect(await step("hesitant")).toBe("timezone");
  });

  it("given /help during onboarding then it says how to go on and asks the current question again", async () => {
    const user = new FakeUser(engine, "helpme");
    await user.command("/start SPRING26");
    await user.press("onb.consent", "yes");
    await user.press("onb.tz_skip");
    await user.command("/help");
    expect(user.lastText()).toContain("You are signing up");
    expect(user.last.flatMap((r) => r.buttons).some((b) => splitVersion(b.action).id === "onb.net")).toBe(true);
  });

  it("given /language during onboarding then the current question is asked again in the new language", async () => {
    const user = new FakeUser(engine, "switcher");
    await user.command("/start SPRING26");
    await user.press("onb.consent", "yes");
    await user.command("/language fr");
    expect(await step("switcher")).toBe("timezone");
    expect(user.lastText()).toContain("Votre fuseau horaire");
    await user.press("onb.tz_skip");
    expect(await step("switcher")).toBe("handles");
    await user.command("/language es");
    expect(user.lastText()).toContain("español");
    expect(user.last.at(-1)?.buttons.some((b) => splitVersion(b.action).id === "onb.net")).toBe(true);
    await user.press("onb.net", "instagram");
    await user.command("/language");
    await user.press("lang.set", "it");
    expect(user.last.at(-1)?.text).toContain("Instagram");
    expect(await step("switcher")).toBe("handle_input");
    const inf = await deps.db.influencer.findFirstOrThrow({ where: { accounts: { some: { externalId: "switcher" } } } });
    expect(inf.locale).toBe("it");
  });

  it("given a handle entered again then onboarding moves on to the handles list with its Done button", async () => {
    const user = new FakeUser(engine, "twice");
    await user.command("/start SPRING26");
    await user.press("onb.consent", "yes");
    await user.press("onb.tz_skip");
    await user.press("onb.net", "instagram");
    await user.say("@twice_ig");
    await user.press("onb.net", "instagram");
    await user.say("@twice_ig");
    expect(user.lastText()).toContain("already registered @twice_ig");
    expect(await step("twice")).toBe("handles");
    await user.press("onb.handles_done");
    expect(await step("twice")).toBe("region");
  });
});
