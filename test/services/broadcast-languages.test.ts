// A broadcast's languages (the segment's `languages`) are the four locales, checked with zod as a
// mission's are: known codes in any case are kept lower-case and filter the audience; anything
// else is refused naming the bad value, and no draft is stored — from chat and from `advo broadcast
// --languages`. On SQLite and PostgreSQL.
import { describe, expect, it } from "vitest";
import { depsOnTestDatabase } from "../helpers/engine.js";
import { testProviders } from "../helpers/db.js";
import { draftBroadcast, sendBroadcast } from "../../src/services/broadcast.js";
import { t as translate } from "../../src/i18n/translate.js";
import { MANAGER, managerConfig, seedInfluencer } from "./manage/fixtures.js";
import { parseArgs } from "../../src/cli/args.js";
import { COMMANDS } from "../../src/cli/commands.js";
import { OPERATOR } from "../../src/services/managers.js";

const segment = (languages: unknown) => ({ regions: [], interests: [], networks: [], tags: [], tiers: [], languages }) as never;

describe.each(testProviders())("broadcast languages on %s", (provider) => {
  const { t, deps } = depsOnTestDatabase(provider, managerConfig);
  const drafts = () => t.db.programSetting.count({ where: { key: { startsWith: "broadcast:" } } });

  it("given languages in any case then the draft keeps them lower-case and only their readers get the broadcast", async () => {
    const es = await seedInfluencer(t.db, { locale: "es" });
    const it_ = await seedInfluencer(t.db, { locale: "it" });
    await seedInfluencer(t.db, { locale: "en" });
    const r = await draftBroadcast(deps, MANAGER, { text: "Hola", segment: segment(["ES", " it ", "es"]) });
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.value.segment.languages).toEqual(["es", "it"]);
    expect(r.value.recipients).toBe(2);
    const sent = await sendBroadcast(deps, MANAGER, r.value.id);
    expect(sent).toMatchObject({ ok: true, value: { queued: 2 } });
    const to = await t.db.outboxMessage.findMany({ where: { purpose: "broadcast", batchKey: `broadcast:${r.value.id}` } });
    expect(to.map((m) => m.influencerId).sort((a, b) => a! - b!)).toEqual([es.id, it_.id]);
  });

  it("given an unknown language then it is refused naming it, and no draft is stored", async () => {
    const before = await drafts();
    const r = await draftBroadcast(deps, MANAGER, { text: "Hallo", segment: segment(["es", "de", "Klingon"]) });
    expect(r).toEqual({ ok: false, error: "manage.broadcast.language_unknown", params: { value: "de, Klingon", languages: "en, es, fr, it" } });
    expect(translate("en", r.ok ? "" : r.error, r.ok ? {} : r.params)).toBe("Unknown language in languages: de, Klingon. Use en, es, fr, it.");
    // not a list of codes: refused on the languages field
    expect(await draftBroadcast(deps, MANAGER, { text: "Hallo", segment: segment("spanish") })).toEqual({ ok: false, error: "manage.broadcast.invalid", params: { field: "languages" } });
    expect(await drafts()).toBe(before);
  });

  it("given advo broadcast --languages then the operator's preview counts their readers, and an unknown code is refused by name", async () => {
    const broadcast = COMMANDS["broadcast"]!;
    const run = (line: string) => broadcast.run(deps, parseArgs(["broadcast", ...line.split(" ")]), OPERATOR);
    const readers = await t.db.influencer.count({ where: { status: "active", locale: { in: ["es", "it"] } } });
    const preview = await run("--text Hola --languages ES,it");
    if (!preview.ok) throw new Error(JSON.stringify(preview));
    expect(preview.value.data).toMatchObject({ recipients: readers, sent: false });
    expect(readers).toBeGreaterThan(0);
    const refused = await run("--text Hola --languages es,de");
    expect(refused).toMatchObject({ ok: false, error: "manage.broadcast.language_unknown", params: { value: "de" } });
  });
});
