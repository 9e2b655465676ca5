// Missions for readers of some languages (issue 15), on SQLite and PostgreSQL: a person's language
// is the one the bot speaks to them (chosen locale, else platform locale, else the program
// default); a Spanish-language mission is announced to, shown to and accepted by Spanish readers
// only, and its card says who it is for in each reader's language.
import { describe, expect, it } from "vitest";
import { depsOnTestDatabase } from "../helpers/engine.js";
import { testProviders } from "../helpers/db.js";
import { audience } from "../../src/services/audience.js";
import { acceptMission, listEligibleMissions } from "../../src/services/missions.js";
import { createMissionDraft, previewMission, publishMission } from "../../src/services/missions-admin.js";
import { readSegment } from "../../src/domain/segment.js";
import { toPlainText, type OutboundMessage } from "../../src/engine/message.js";
import { MANAGER, managerConfig, missionValues, seedInfluencer } from "./manage/fixtures.js";

describe.each(testProviders())("missions for some languages on %s", (provider) => {
  const { t, deps } = depsOnTestDatabase(provider, managerConfig);

  it("given a Spanish-language mission then only Spanish readers are announced to, see it and may accept it", async () => {
    const chosen = await seedInfluencer(t.db, { locale: "es" });
    // No chosen language: the platform's (es-MX) decides.
    const platform = await seedInfluencer(t.db);
    await t.db.influencer.update({ where: { id: platform.id }, data: { locale: null, platformLocale: "es-MX" } });
    // A chosen language wins over the platform's.
    const french = await seedInfluencer(t.db, { locale: "fr" });
    await t.db.influencer.update({ where: { id: french.id }, data: { platformLocale: "es" } });
    // Neither: the program default (en).
    const fallback = await seedInfluencer(t.db);
    await t.db.influencer.update({ where: { id: fallback.id }, data: { locale: null, platformLocale: null } });
    const people = [chosen.id, platform.id, french.id, fallback.id];

    const segment = { ...readSegment({}), languages: ["ES"] };
    expect((await audience(deps, { segment, influencerIds: people })).map((r) => r.influencerId).sort((a, b) => a - b)).toEqual([chosen.id, platform.id]);

    const draft = await createMissionDraft(deps, MANAGER, missionValues({ deadline: "2027-03-01T00:00:00Z", languages: "es" }));
    if (!draft.ok) throw new Error(JSON.stringify(draft));
    expect(readSegment(draft.value.segment).languages).toEqual(["es"]);
    expect((await publishMission(deps, MANAGER, draft.value.id)).ok).toBe(true);
    const announced = await t.db.outboxMessage.findMany({ where: { purpose: "mission.announce", influencerId: { in: people } } });
    expect(announced.map((r) => r.influencerId).sort((a, b) => a! - b!)).toEqual([chosen.id, platform.id]);
    const card = toPlainText((announced.find((r) => r.influencerId === chosen.id)!.payload as unknown as { message: OutboundMessage }).message);
    expect(card).toContain("Para quienes hablan español");

    const sees = async (id: number) => (await listEligibleMissions(deps, id)).some((m) => m.mission.id === draft.value.id);
    expect(await sees(chosen.id)).toBe(true);
    expect(await sees(platform.id)).toBe(true);
    expect(await sees(french.id)).toBe(false);
    expect(await sees(fallback.id)).toBe(false);
    expect(await acceptMission(deps, french.id, draft.value.id)).toMatchObject({ ok: false });
    expect(await acceptMission(deps, platform.id, draft.value.id)).toMatchObject({ ok: true });

    const preview = await previewMission(deps, MANAGER, draft.value.id, "en");
    if (!preview.ok) throw new Error(preview.error);
    expect(toPlainText(preview.value)).toContain("For Spanish speakers");
  });

  it("given a mission for no language then everyone is in its audience, whatever they read", async () => {
    const a = await seedInfluencer(t.db, { locale: "it" });
    const b = await seedInfluencer(t.db, { locale: "en" });
    expect((await audience(deps, { segment: readSegment({}), influencerIds: [a.id, b.id] })).length).toBe(2);
  });
});
