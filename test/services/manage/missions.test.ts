import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProviders, type TestDatabase } from "../../helpers/db.js";
import { testDeps } from "../../helpers/deps.js";
import { toPlainText } from "../../../src/engine/message.js";
import {
  closeMission, createMissionDraft, duplicateMission, editMission, previewMission, publishDueMissions, publishMission,
} from "../../../src/services/missions-admin.js";
import { MANAGER, STRANGER, managerConfig, missionValues, seedInfluencer } from "./fixtures.js";

describe.each(testProviders())("missions administration on %s", (provider) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
  });
  afterAll(async () => t?.destroy());

  it("given bad form values then every bad field has its own message id and nothing is stored", async () => {
    const deps = testDeps(t, managerConfig);
    const r = await createMissionDraft(deps, MANAGER, missionValues({ title: "", hashtags: "#spring", networks: "myspace", points: "ten", deadline: "2020-01-01", cap: "0" }));
    expect(r.ok).toBe(false);
    expect(!r.ok && "fieldErrors" in r && r.fieldErrors).toEqual([
      { field: "title", messageId: "manage.form.required" },
      { field: "networks", messageId: "manage.form.network_unknown" },
      { field: "points", messageId: "manage.form.number" },
      { field: "cap", messageId: "manage.form.cap_range" },
    ]);
    const r2 = await createMissionDraft(deps, MANAGER, missionValues({ hashtags: "#spring", deadline: "2020-01-01" }));
    expect(!r2.ok && "fieldErrors" in r2 && r2.fieldErrors).toEqual([
      { field: "hashtags", messageId: "manage.form.disclosure" },
      { field: "deadline", messageId: "manage.form.deadline_past" },
    ]);
    expect(await t.db.mission.count()).toBe(0);
  });

  it("given a non-manager then creating and publishing are refused and audited", async () => {
    const deps = testDeps(t, managerConfig);
    expect(await createMissionDraft(deps, STRANGER, missionValues())).toEqual({ ok: false, error: "manage.refused" });
    expect(await publishMission(deps, STRANGER, 1)).toEqual({ ok: false, error: "manage.refused" });
    expect(await t.db.auditLog.count({ where: { actor: STRANGER, outcome: "refused" } })).toBe(2);
  });

  it("given a draft then preview shows the card, publish announces once to each eligible active influencer", async () => {
    const deps = testDeps(t, managerConfig);
    const fr = await seedInfluencer(t.db, { region: "FR", interests: ["beauty"], locale: "fr" });
    const es = await seedInfluencer(t.db, { region: "ES", interests: ["beauty"] });
    await seedInfluencer(t.db, { region: "FR", interests: ["sport"] });
    await seedInfluencer(t.db, { region: "FR", interests: ["beauty"], status: "onboarding" });
    await seedInfluencer(t.db, { region: "FR", interests: ["beauty"], paused: true });
    const created = await createMissionDraft(deps, MANAGER, missionValues({ regions: "FR, ES", interests: "Beauty" }));
    if (!created.ok) throw new Error(created.error);
    const m = created.value;
    expect(m).toMatchObject({ status: "draft", hashtags: ["#ad", "#spring"], mentions: ["@brand"], networks: ["instagram", "tiktok"], points: 100, cap: null });

    const preview = await previewMission(deps, MANAGER, m.id, "en");
    if (!preview.ok) throw new Error(preview.error);
    const text = toPlainText(preview.value);
    expect(text).toContain("Spring launch");
    expect(text).toContain("Required in the post: #ad #spring @brand");
    expect(preview.value.buttons?.[0]?.[0]).toMatchObject({ action: "mission.accept", payload: String(m.id) });

    const published = await publishMission(deps, MANAGER, m.id);
    expect(published).toEqual({ ok: true, value: { status: "published", announced: 2 } });
    const rows = await t.db.outboxMessage.findMany({ where: { batchKey: `mission:${m.id}:announce` }, orderBy: { influencerId: "asc" } });
    expect(rows.map((r) => r.dedupeKey)).toEqual([`mission:${m.id}:announce:influencer:${fr.id}`, `mission:${m.id}:announce:influencer:${es.id}`]);
    expect(JSON.stringify(rows[0]!.payload)).toContain("Accepter");

    expect(await publishMission(deps, MANAGER, m.id)).toEqual({ ok: false, error: "manage.mission.already_published", params: { id: m.id } });
    expect(await t.db.outboxMessage.count({ where: { batchKey: `mission:${m.id}:announce` } })).toBe(2);
  });

  it("given two publish clicks at once then exactly one announces", async () => {
    const deps = testDeps(t, managerConfig);
    const created = await createMissionDraft(deps, MANAGER, missionValues());
    if (!created.ok) throw new Error(created.error);
    const results = await Promise.all([publishMission(deps, MANAGER, created.value.id), publishMission(deps, "operator", created.value.id)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const active = await t.db.influencer.count({ where: { status: "active", messagesPaused: false } });
    expect(await t.db.outboxMessage.count({ where: { batchKey: `mission:${created.value.id}:announce` } })).toBe(active);
  });

  it("given a future start then publish schedules and the lifecycle publishes when due", async () => {
    const deps = testDeps(t, managerConfig);
    const created = await createMissionDraft(deps, MANAGER, missionValues({ startsAt: "2026-01-10T00:00:00Z" }));
    if (!created.ok) throw new Error(created.error);
    expect(await publishMission(deps, MANAGER, created.value.id)).toEqual({ ok: true, value: { status: "scheduled", announced: 0 } });
    expect(await publishDueMissions(deps)).toEqual({ published: 0, announced: 0 });
    deps.clock.set("2026-01-10T00:00:01Z");
    const due = await publishDueMissions(deps);
    expect(due.published).toBe(1);
    expect(due.announced).toBeGreaterThan(0);
    expect((await t.db.mission.findUniqueOrThrow({ where: { id: created.value.id } })).status).toBe("published");
  });

  it("given an edit of a published mission then accepted influencers are told what changed; close and duplicate", async () => {
    const deps = testDeps(t, managerConfig);
    const created = await createMissionDraft(deps, MANAGER, missionValues());
    if (!created.ok) throw new Error(created.error);
    const id = created.value.id;
    await publishMission(deps, MANAGER, id);
    const accepted = await seedInfluencer(t.db, {});
    const offered = await seedInfluencer(t.db, {});
    await t.db.participation.create({ data: { missionId: id, influencerId: accepted.id, status: "accepted" } });
    await t.db.participation.create({ data: { missionId: id, influencerId: offered.id, status: "declined" } });
    const edited = await editMission(deps, MANAGER, id, missionValues({ points: "150", deadline: "2026-03-15T00:00:00Z" }));
    if (!edited.ok) throw new Error(edited.error);
    expect(edited.value.changed).toEqual(["points", "deadline"]);
    expect(edited.value.notified).toBe(1);
    const notice = await t.db.outboxMessage.findFirstOrThrow({ where: { purpose: "mission.changed" } });
    expect(notice.influencerId).toBe(accepted.id);
    expect(JSON.stringify(notice.payload)).toContain("Points, Deadline");
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "mission.edit" } });
    expect(audit.before).toEqual({ points: "100", deadline: "2026-03-01T00:00:00.000Z" });
    expect(audit.after).toEqual({ points: "150", deadline: "2026-03-15T00:00:00.000Z" });

    const closed = await closeMission(deps, MANAGER, id);
    expect(closed.ok && closed.value.status).toBe("closed");
    expect(await closeMission(deps, MANAGER, id)).toMatchObject({ ok: false, error: "manage.mission.already_closed" });
    expect(await publishMission(deps, MANAGER, id)).toMatchObject({ ok: false, error: "manage.mission.closed" });

    const copy = await duplicateMission(deps, MANAGER, id);
    expect(copy.ok && copy.value).toMatchObject({ status: "draft", sourceMissionId: id, points: 150, title: "Spring launch" });
  });
});
