// Issue 17, first contact: the first message is in the platform's language with the language row;
// pressing another language rewrites THAT message in place (one reply, replace: "message") and
// saves the choice; the time-zone step and /timezone find cities typed in the person's language.
import { beforeAll, describe, expect, it } from "vitest";
import { testProviders } from "../helpers/db.js";
import { engineOnTestDatabase } from "../helpers/engine.js";
import { FakeUser } from "../engine/harness.js";
import { seedInvitation, seedMember } from "../engine/seed.js";

describe.each(testProviders())("first message language and city search on %s", (provider) => {
  const { deps, engine } = engineOnTestDatabase(provider);
  beforeAll(async () => {
    await seedInvitation(deps, "LANG10", { maxUses: 10 });
  });

  const account = (id: string) => deps.db.platformAccount.findFirstOrThrow({ where: { externalId: id }, include: { influencer: true } });

  it("given a French platform then the first message is French with Français ticked, and pressing Italiano rewrites that message in Italian and saves it", async () => {
    const user = new FakeUser(engine, "lang-fr", "fr-FR");
    const [first, ...more] = await user.command("/start LANG10");
    expect(more).toEqual([]);
    expect(first!.text).toContain("Bienvenue chez");
    expect(first!.text).toContain("Langue : Français");
    const row = first!.buttons.filter((b) => b.action.startsWith("onb.lang"));
    expect(row.map((b) => b.label)).toEqual(["English", "Español", "✓ Français", "Italiano"]);

    const switched = await user.press("onb.lang", "it");
    expect(switched).toHaveLength(1);
    expect(switched[0]!.message.replace).toBe("message");
    expect(switched[0]!.text).toContain("Lingua: Italiano");
    expect(switched[0]!.text).not.toContain("Langue");
    expect(switched[0]!.buttons.find((b) => b.label === "✓ Italiano")).toBeDefined();
    expect(switched[0]!.buttons.find((b) => b.label === "✓ Français")).toBeUndefined();
    expect((await account("lang-fr")).influencer.locale).toBe("it");

    // The same consent buttons stay on the rewritten message, and the next step speaks Italian.
    await user.press("onb.consent", "yes");
    expect(user.lastText()).toContain("Il tuo fuso orario");
    await user.say("Roma");
    expect(user.lastText()).toContain("Vedrai le date in Europe/Rome");
    expect((await account("lang-fr")).influencer.timezone).toBe("Europe/Rome");
  });

  it("given a Spanish newcomer who types a country with several zones at the time-zone step then the zones come back as buttons and one is saved", async () => {
    const user = new FakeUser(engine, "lang-es", "es");
    await user.command("/start LANG10");
    await user.press("onb.consent", "yes");
    await user.say("Ciudad de México");
    expect(user.lastText()).toContain("Verás las fechas en America/Mexico_City");
    await user.command("/timezone Alemania");
    expect(user.lastText()).toContain("Varias zonas horarias coinciden con «Alemania»");
    await user.press("tz.set", "Europe/Berlin");
    expect((await account("lang-es")).influencer.timezone).toBe("Europe/Berlin");
  });

  it("given a member then /timezone takes München and Città del Messico, and an unknown place keeps the zone", async () => {
    const inf = await seedMember(deps, "lang-it");
    await deps.db.influencer.update({ where: { id: inf.id }, data: { locale: "it" } });
    const user = new FakeUser(engine, "lang-it");
    await user.command("/timezone München");
    expect((await deps.db.influencer.findUniqueOrThrow({ where: { id: inf.id } })).timezone).toBe("Europe/Berlin");
    await user.command("/timezone Città del Messico");
    expect((await deps.db.influencer.findUniqueOrThrow({ where: { id: inf.id } })).timezone).toBe("America/Mexico_City");
    await user.command("/timezone Atlantide");
    expect(user.lastText()).toContain("Atlantide");
    expect((await deps.db.influencer.findUniqueOrThrow({ where: { id: inf.id } })).timezone).toBe("America/Mexico_City");
  });
});
