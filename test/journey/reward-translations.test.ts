// Reward text per language (issue 17): the CLI/`/advo` reward commands and reward files take
// translations (a language given is complete, or refused on its field); an influencer reading
// Spanish sees the Spanish name and description on /rewards, the confirmation, the redemption
// and the fulfil/cancel notices, and someone reading Italian (no translation) sees the program's
// text only — never a mixed card.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { testProviders } from "../helpers/db.js";
import { engineOnTestDatabase } from "../helpers/engine.js";
import { COMMANDS } from "../../src/cli/commands.js";
import { parseArgs } from "../../src/cli/args.js";
import { OPERATOR } from "../../src/services/managers.js";
import { appendEntry, currentCycle } from "../../src/services/ledger.js";
import { cancelRedemption, fulfilRedemption } from "../../src/services/catalog-admin.js";
import { renderPayload } from "../../src/delivery/render.js";
import { toPlainText } from "../../src/engine/message.js";
import type { InboundEvent } from "../../src/engine/events.js";
import { FakeUser } from "../engine/harness.js";
import { seedMember } from "../engine/seed.js";

const MANAGER = "slack:UREWARDS";

describe.each(testProviders())("reward text per language on %s", (provider) => {
  const { deps, engine } = engineOnTestDatabase(provider, { MANAGERS: MANAGER });
  const dir = mkdtempSync(join(tmpdir(), "advo-reward-tr-"));
  const run = (line: string, actor = OPERATOR) => {
    const args = parseArgs(line.split(" ").map((s) => s.replaceAll("_", " ")));
    const name = `${args.positionals[0]} ${args.positionals[1]}`;
    return COMMANDS[name]!.run(deps, args, actor);
  };
  const give = async (influencerId: number, amount: number) => {
    const cycle = await currentCycle(deps.db, deps.clock);
    await appendEntry(deps.db, { influencerId, cycleId: cycle.id, amount, kind: "adjustment", idempotencyKey: `tr-test:${influencerId}:${amount}` });
  };
  const notice = async (dedupeKey: string, locale: "es" | "it") => {
    const row = await deps.db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey } });
    const r = renderPayload(row.payload, locale);
    if (!r.ok) throw new Error(r.error);
    return toPlainText(r.message);
  };
  /** A member reading `locale` with `points`, who has just opened /rewards. */
  const reader = async (id: string, locale: "es" | "it", points: number) => {
    const inf = await seedMember(deps, id);
    await deps.db.influencer.update({ where: { id: inf.id }, data: { locale } });
    await give(inf.id, points);
    const user = new FakeUser(engine, id);
    await user.command("/rewards");
    return { inf, user };
  };

  it("given an incomplete or unknown-language translation then it is refused on its field, and nothing is created", async () => {
    const missingName = await run("reward create --name Tote_bag --cost 50 --description Cotton_bag --description-es Bolsa_de_algodón");
    expect(missingName).toMatchObject({ ok: false, error: "manage.reward.invalid", fieldErrors: [{ field: "name_es", messageId: "lang.form.reward_translation_required" }] });
    const missingDescription = await run("reward create --name Tote_bag --cost 50 --description Cotton_bag --name-fr Sac");
    expect(missingDescription).toMatchObject({ ok: false, fieldErrors: [{ field: "description_fr", messageId: "lang.form.reward_description_required" }] });
    const unknown = await run("reward create --name Tote_bag --cost 50 --name-de Tasche");
    expect(unknown).toMatchObject({ ok: false, fieldErrors: [{ field: "translations", messageId: "lang.form.translation_language" }] });
    const programLanguage = await run("reward create --name Tote_bag --cost 50 --name-en Bag");
    expect(programLanguage).toMatchObject({ ok: false, fieldErrors: [{ field: "name_en", messageId: "lang.form.translation_program_language" }] });
    // A chat manager may not make the server read a file.
    expect(await run("reward create --file /etc/passwd", MANAGER)).toMatchObject({ ok: false, error: "manage.cli.usage" });
    expect(await deps.db.reward.count()).toBe(0);
  });

  it("given a reward file with a Spanish translation then a Spanish reader sees only Spanish on /rewards, the confirmation, the redemption and the fulfil notice; an Italian reader only the program's text", async () => {
    const file = join(dir, `reward-${provider}.yaml`);
    writeFileSync(file, "name: Tote bag\ndescription: Organic cotton bag\ncost: 50\nstock: 5\ntranslations:\n  es:\n    name: Bolsa de tela\n    description: Bolsa de algodón orgánico\n");
    const created = await run(`reward create --file ${file}`);
    expect(created.ok).toBe(true);
    const reward = await deps.db.reward.findFirstOrThrow({ where: { name: "Tote bag" } });
    expect(reward.translations).toEqual({ es: { name: "Bolsa de tela", description: "Bolsa de algodón orgánico" } });

    const { inf: es, user } = await reader("rw-es", "es", 120);
    expect(user.lastText()).toContain("Bolsa de tela — 50 puntos");
    expect(user.lastText()).toContain("Bolsa de algodón orgánico");
    expect(user.lastText()).not.toMatch(/Tote bag|Organic cotton/);
    expect(user.last.flatMap((r) => r.buttons).map((b) => b.label)).toContain("Canjear Bolsa de tela (50)");
    await user.press("reward.redeem", String(reward.id));
    expect(user.lastText()).toContain("¿Canjear Bolsa de tela por 50 puntos?");
    await user.press("reward.confirm", String(reward.id));
    expect(user.lastText()).toContain("Has canjeado Bolsa de tela");
    const redemption = await deps.db.redemption.findFirstOrThrow({ where: { influencerId: es.id } });
    expect((await fulfilRedemption(deps, MANAGER, redemption.id, { note: "CODE-1" })).ok).toBe(true);
    const told = await notice(`redemption:${redemption.id}:fulfilled`, "es");
    expect(told).toContain("Tu recompensa Bolsa de tela está en camino");
    expect(told).not.toContain("Tote bag");

    const { inf: it, user: other } = await reader("rw-it", "it", 60);
    expect(other.lastText()).toContain("Tote bag — 50 punti");
    expect(other.lastText()).toContain("Organic cotton bag");
    expect(other.lastText()).not.toContain("Bolsa");
    await other.press("reward.redeem", String(reward.id));
    await other.press("reward.confirm", String(reward.id));
    const second = await deps.db.redemption.findFirstOrThrow({ where: { influencerId: it.id } });
    expect((await cancelRedemption(deps, MANAGER, second.id)).ok).toBe(true);
    expect(await notice(`redemption:${second.id}:cancelled`, "it")).toContain("Tote bag");
    // The same queued notice, read by someone who switched to Spanish before it was sent.
    expect(await notice(`redemption:${second.id}:cancelled`, "es")).toContain("Bolsa de tela");
  });

  it("given reward update with a French translation, then one removing the Spanish one, then the stored translations follow and a description change is checked against them", async () => {
    const reward = await deps.db.reward.findFirstOrThrow({ where: { name: "Tote bag" } });
    const updated = await run(`reward update ${reward.id} --name-fr Sac_en_toile --description-fr Sac_en_coton_bio`, MANAGER);
    expect(updated).toMatchObject({ ok: true });
    expect(updated.ok && updated.value.text).toContain("translations: es, fr");
    const removed = await run(`reward update ${reward.id} --name-es= --description-es=`);
    expect(removed.ok).toBe(true);
    expect((await deps.db.reward.findUniqueOrThrow({ where: { id: reward.id } })).translations).toEqual({ fr: { name: "Sac en toile", description: "Sac en coton bio" } });
    // Dropping the description would leave the French one describing something the others don't.
    const mismatch = await run(`reward update ${reward.id} --description=`);
    expect(mismatch).toMatchObject({ ok: false, fieldErrors: [{ field: "description_fr", messageId: "lang.form.translation_mismatch" }] });
  });

  it("given the Slack reward modal then an incomplete language comes back on its field, a complete one saves, and edit shows the stored translations", async () => {
    const slack = (payload: InboundEvent["payload"]) => engine.handle({ id: `slack:rw:${Math.random()}`, platform: "slack", conversation: "slack:CMANAGERS:UREWARDS", chatType: "group", author: { id: "UREWARDS", isBot: false }, payload, receivedAt: new Date() });
    const advo = (text: string) => slack({ type: "command", name: "advo", args: text.split(" "), argText: text });
    const [opened] = await advo("reward new");
    expect(opened?.form?.id).toBe("reward.form");
    expect(opened?.form?.fields.map((f) => f.label)).toContain("Name (Español)");
    const base = { name: "Mug", description: "Ceramic mug", cost: "40", stock: "", _state: "new" };
    const [again] = await slack({ type: "form", formId: "reward.form", values: { ...base, name_es: "Taza" } });
    expect(again?.form?.fields.find((f) => f.id === "description_es")?.error).toBe("The reward has a description: give it in this language too.");
    expect(again?.form?.fields.find((f) => f.id === "name_es")?.initial).toBe("Taza");
    const [saved] = await slack({ type: "form", formId: "reward.form", values: { ...base, name_es: "Taza", description_es: "Taza de cerámica" } });
    const mug = await deps.db.reward.findFirstOrThrow({ where: { name: "Mug" } });
    expect(toPlainText(saved!)).toBe(`Reward ${mug.id} “Mug” saved.`);
    expect(mug.translations).toEqual({ es: { name: "Taza", description: "Taza de cerámica" } });
    const [edit] = await advo(`reward edit ${mug.id}`);
    expect(edit?.form?.state).toBe(`edit:${mug.id}`);
    expect(edit?.form?.fields.find((f) => f.id === "description_es")?.initial).toBe("Taza de cerámica");
  });
});

