// Which missions and rewards lack a language the influencers read (issue 17), in a Spanish
// program: the languages in use come from the influencers' chosen locale, else their platform's,
// else the program's (people who left don't count); open missions and active rewards missing one
// of them are listed, in the CLI table (`advo translations missing --json`) and `/advo translations`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";
import { testDeps } from "../helpers/deps.js";
import { createEngine } from "../../src/engine/engine.js";
import { toPlainText } from "../../src/engine/message.js";
import { COMMANDS } from "../../src/cli/commands.js";
import { parseArgs } from "../../src/cli/args.js";
import { OPERATOR } from "../../src/services/managers.js";
import type { Deps } from "../../src/services/deps.js";
import { seedInfluencer } from "./manage/fixtures.js";

const MANAGER = "slack:UTRANSLATE";
const mission = (title: string, status: string, translations: object) => ({
  title, brief: "Enseña la colección.", points: 50, deadline: new Date("2026-06-01T00:00:00Z"), segment: {}, status, translations,
});
const tr = (title: string) => ({ title, brief: `${title}.`, dos: [], donts: [] });

describe.each(testProviders())("missing translations on %s", (provider) => {
  let t: TestDatabase;
  let deps: Deps;
  const run = (line: string, actor = OPERATOR) => COMMANDS.translations!.run(deps, parseArgs(line.split(" ")), actor);
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    t = await createTestDatabase(provider);
    deps = testDeps(t, { DEFAULT_LOCALE: "es", MANAGERS: MANAGER });
    await seedInfluencer(t.db, { locale: "es" });
    await seedInfluencer(t.db, { locale: "fr" });
    for (const [platformLocale, status] of [["fr-CA", "active"], [null, "onboarding"], ["it", "left"]] as const) {
      const inf = await seedInfluencer(t.db, { status, locale: "it" });
      await t.db.influencer.update({ where: { id: inf.id }, data: { locale: null, platformLocale } });
    }
    await seedInfluencer(t.db, { locale: "en" });
    ids.m1 = (await t.db.mission.create({ data: mission("Colección", "published", { fr: tr("Collection") }) })).id;
    ids.m2 = (await t.db.mission.create({ data: mission("Borrador", "draft", { en: tr("Draft"), fr: tr("Brouillon") }) })).id;
    await t.db.mission.create({ data: mission("Cerrada", "closed", {}) });
    ids.r1 = (await t.db.reward.create({ data: { name: "Bolsa", cost: 50 } })).id;
    await t.db.reward.create({ data: { name: "Vieja", cost: 50, active: false } });
    await t.db.reward.create({ data: { name: "Taza", cost: 20, translations: { en: { name: "Mug", description: "" }, fr: { name: "Tasse", description: "" } } } });
  });
  afterAll(async () => t?.destroy());

  it("given readers of es, fr and en then the report lists them with counts and each open mission or active reward lacking one, in the program's language", async () => {
    const r = await run("translations missing --json");
    if (!r.ok) throw new Error(r.error);
    expect(r.value.data).toEqual({
      programLocale: "es",
      languages: [{ locale: "es", influencers: 2 }, { locale: "fr", influencers: 2 }, { locale: "en", influencers: 1 }],
      missions: [{ id: ids.m1, title: "Colección", status: "published", missing: ["en"] }],
      rewards: [{ id: ids.r1, name: "Bolsa", missing: ["fr", "en"] }],
    });
    expect(r.value.text.split("\n")).toEqual([
      "Idiomas que leen tus influencers: Español (2 influencers), Français (2 influencers), English (1 influencer).",
      `Misión ${ids.m1} «Colección» (publicada): falta traducirla a English`,
      `Recompensa ${ids.r1} «Bolsa»: falta traducirla a Français, English`,
    ]);
    expect(await run("translations everything")).toMatchObject({ ok: false, error: "manage.cli.usage" });
    expect(await run("translations", "telegram:999")).toEqual({ ok: false, error: "manage.refused" });
  });

  it("given /advo translations from a manager in chat then the same report comes back; once everything is translated it says so", async () => {
    const engine = createEngine(deps, { journey: false });
    const ask = async () => {
      const replies = await engine.handle({
        id: `slack:tr:${Math.random()}`, platform: "slack", conversation: "slack:CMANAGERS:UTRANSLATE", chatType: "group",
        author: { id: "UTRANSLATE", isBot: false }, payload: { type: "command", name: "advo", args: ["translations"], argText: "translations" }, receivedAt: new Date(),
      });
      return replies.map(toPlainText).join("\n");
    };
    expect(await ask()).toContain(`Recompensa ${ids.r1} «Bolsa»: falta traducirla a Français, English`);
    await t.db.mission.update({ where: { id: ids.m1 }, data: { translations: { fr: tr("Collection"), en: tr("Collection") } } });
    const updated = await COMMANDS["reward update"]!.run(deps, parseArgs(["reward", "update", String(ids.r1), "--name-en", "Bag", "--name-fr", "Sac"]), MANAGER);
    expect(updated.ok).toBe(true);
    const after = await ask();
    expect(after).toContain("Todas las misiones abiertas y las recompensas activas están traducidas a estos idiomas.");
    expect(after).not.toContain("falta");
  });
});
