// Joining by invitation and the onboarding state machine, end to end through the engine.
import { beforeAll, describe, expect, it } from "vitest";
import { testProviders } from "../helpers/db.js";
import { engineOnTestDatabase } from "../helpers/engine.js";
import { createEngine } from "../../src/engine/engine.js";
import { DAY } from "../../src/clock.js";
import { joinWithCode } from "../../src/services/invitations-join.js";
import { FakeUser } from "../engine/harness.js";
import { seedInvitation } from "../engine/seed.js";

describe.each(testProviders())("joining and onboarding on %s", (provider) => {
  const { deps } = engineOnTestDatabase(provider);
  beforeAll(async () => {
    await seedInvitation(deps, "OPEN5");
    await seedInvitation(deps, "OLD", { expiresAt: new Date(deps.clock.now().getTime() - DAY) });
    await seedInvitation(deps, "GONE", { revokedAt: new Date() });
    await seedInvitation(deps, "FULL", { maxUses: 1 });
    await deps.db.invitation.update({ where: { code: "FULL" }, data: { uses: 1 } });
  });

  it.each([
    ["NOPE", "I don't know that invitation code"],
    ["OLD", "This invitation has expired"],
    ["GONE", "This invitation is no longer valid"],
    ["FULL", "already been used as many times as allowed"],
  ])("given the code %s then the answer says why and nobody is created", async (code, answer) => {
    const user = new FakeUser(createEngine(deps), `bad-${code}`);
    await user.command(`/start ${code}`);
    expect(user.lastText()).toContain(answer);
    expect(await deps.db.platformAccount.count({ where: { externalId: `bad-${code}` } })).toBe(0);
  });

  it("given an invitation with one use left taken twice at once then exactly one person joins", async () => {
    await seedInvitation(deps, "LAST", { maxUses: 1 });
    const who = (id: string) => ({ platform: "console" as const, externalId: id, chatId: id });
    const results = await Promise.all([joinWithCode(deps, who("race-a"), "LAST"), joinWithCode(deps, who("race-b"), "LAST")]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ error: "journey.join.used_up_code" });
    expect((await deps.db.invitation.findUniqueOrThrow({ where: { code: "LAST" } })).uses).toBe(1);
  });

  it("given a full onboarding in Spanish with a restart in the middle then the profile is complete, active, and the drip is queued", async () => {
    await seedInvitation(deps, "TAGGED", { segmentTags: ["vip"] });
    const user = new FakeUser(createEngine(deps), "lucia", "es");
    await user.command("/start TAGGED");
    expect(user.transcript[0]?.text).toContain("¡Te damos la bienvenida a Advo!");
    expect(user.lastText()).toContain("#ad");
    await user.press("onb.consent", "no");
    expect(user.lastText()).toContain("Necesitamos tu aceptación");
    await user.command("/start");
    await user.press("onb.lang", "es"); // the pre-selected language, confirmed on the consent message
    await user.press("onb.consent", "yes");
    await user.press("onb.tz_skip");
    await user.say("hola");
    expect(user.lastText()).toContain("Elige primero la red");
    await user.press("onb.net", "instagram");
    await user.say("not a valid handle!!");
    expect(user.lastText()).not.toContain("Añadida");

    // The process restarts: a new engine on the same database continues at the same step.
    user.useEngine(createEngine(deps));
    const row = await deps.db.conversation.findUniqueOrThrow({ where: { key: "console:lucia" } });
    expect(row).toMatchObject({ flow: "onboarding", step: "handle_input" });
    await user.say("@Lucia.Style");
    expect(user.lastText()).toContain("Añadida: Instagram @lucia.style");
    await user.say("https://www.tiktok.com/@lucia_tt");
    expect(user.lastText()).toContain("TikTok @lucia_tt");
    await user.press("onb.handles_done");
    await user.press("onb.region", "es");
    await user.press("onb.interests_done");
    expect(user.lastText()).toContain("Elige al menos un interés");
    await user.press("onb.interest", "fashion");
    await user.press("onb.interest", "travel");
    await user.press("onb.interest", "travel"); // toggled off again
    expect(user.last[0]?.buttons.find((b) => b.payload === "fashion")?.label).toBe("✓ Moda");
    await user.press("onb.interests_done");
    expect(user.lastText()).toContain("Revisa tus datos");
    expect(user.lastText()).toContain("Intereses: Moda");
    await user.press("onb.edit", "region");
    await user.press("onb.region", "latam");
    expect(user.lastText()).toContain("Región: Latinoamérica");
    await user.press("onb.confirm");
    expect(user.lastText()).toContain("¡Ya estás dentro!");

    const inf = await deps.db.influencer.findFirstOrThrow({ where: { accounts: { some: { externalId: "lucia" } } }, include: { handles: true } });
    expect(inf).toMatchObject({ status: "active", locale: "es", region: "latam", interests: ["fashion"], tags: ["vip"] });
    expect(inf.consentAt).not.toBeNull();
    expect(inf.handles.map((h) => `${h.network}:${h.handle}`).sort()).toEqual(["instagram:lucia.style", "tiktok:lucia_tt"]);
    const drip = await deps.db.outboxMessage.findMany({ where: { influencerId: inf.id }, orderBy: { notBefore: "asc" } });
    expect(drip.map((d) => d.purpose)).toEqual(["drip.day1", "drip.day3", "drip.day7"]);
    expect(drip[0]?.notBefore.getTime()).toBe(deps.clock.now().getTime() + DAY);
    expect(drip[0]?.payload).toMatchObject({ kind: "i18n", messageId: "jobs.drip.day1" });
    expect((await deps.db.conversation.findUniqueOrThrow({ where: { key: "console:lucia" } })).flow).toBeNull();

    await user.command("/start TAGGED");
    expect(user.lastText()).toContain("¡Qué bien verte de nuevo en Advo!");
    expect((await deps.db.invitation.findUniqueOrThrow({ where: { code: "TAGGED" } })).uses).toBe(1);
  });

  it("given a handle another influencer registered then it is refused and the question is asked again", async () => {
    const user = new FakeUser(createEngine(deps), "copycat");
    await user.command("/start OPEN5");
    await user.press("onb.consent", "yes");
    await user.press("onb.tz_skip");
    await user.say("instagram @lucia.style");
    expect(user.lastText()).toContain("The account @lucia.style is already registered by another ambassador.");
    await user.press("onb.net", "x");
    await user.say("https://www.instagram.com/someone");
    expect(user.lastText()).toContain("instagram profile, but we asked for your x handle");
    expect(await deps.db.socialHandle.count({ where: { influencer: { accounts: { some: { externalId: "copycat" } } } } })).toBe(0);
    await user.command("/missions");
    expect(user.lastText()).toContain("Let's finish your sign-up first");
    await user.command("/cancel");
    expect(user.lastText()).toContain("saved where you left it");
    await user.command("/start");
    expect(user.lastText()).toContain("Let's continue where you left off");
  });
});
