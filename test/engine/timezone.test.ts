// /timezone: buttons from the person's language, typed IANA names validated by Intl, the choice
// saved on the influencer and used for the dates they see (/points) from then on.
import { describe, expect, it } from "vitest";
import { testProviders } from "../helpers/db.js";
import { engineOnTestDatabase } from "../helpers/engine.js";
import { FakeUser } from "./harness.js";
import { seedMember } from "./seed.js";

describe.each(testProviders())("/timezone on %s", (provider) => {
  const { deps, engine } = engineOnTestDatabase(provider);

  it("given a Spanish member then /timezone offers Spanish-speaking zones and a button saves one", async () => {
    const inf = await seedMember(deps, "tz-ana");
    await deps.db.influencer.update({ where: { id: inf.id }, data: { locale: "es" } });
    const user = new FakeUser(engine, "tz-ana");
    const [ask] = await user.command("/timezone");
    expect(ask!.text).toContain("Las fechas se muestran en UTC");
    expect(ask!.buttons.map((b) => b.payload)).toEqual(expect.arrayContaining(["Europe/Madrid", "America/Mexico_City", "UTC"]));
    expect(ask!.buttons.every((b) => b.payload!.length <= 24)).toBe(true);
    await user.press("tz.set", "America/Mexico_City");
    expect(user.lastText()).toContain("ahora verás las fechas en America/Mexico_City");
    expect((await deps.db.influencer.findUniqueOrThrow({ where: { id: inf.id } })).timezone).toBe("America/Mexico_City");
    await user.command("/points");
    expect(user.lastText()).not.toContain("UTC"); // the cycle end is shown in Mexico City's zone
  });

  it("given a typed zone then a valid IANA name is saved in its canonical spelling and a wrong one is refused, keeping the old zone", async () => {
    const inf = await seedMember(deps, "tz-bo");
    const user = new FakeUser(engine, "tz-bo");
    await user.command("/timezone europe/rome");
    expect(user.lastText()).toContain("dates are now shown in Europe/Rome");
    await user.command("/timezone Mars/Olympus_Mons");
    expect(user.lastText()).toContain("I don’t know the time zone “Mars/Olympus_Mons”");
    expect((await deps.db.influencer.findUniqueOrThrow({ where: { id: inf.id } })).timezone).toBe("Europe/Rome");
  });

  it("given someone who has not joined then /timezone says how to join and saves nothing", async () => {
    const user = new FakeUser(engine, "tz-stranger");
    await user.command("/timezone Europe/Paris");
    expect(user.lastText()).toContain("invitation");
  });
});
