import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProviders, type TestDatabase } from "../../helpers/db.js";
import { testDeps } from "../../helpers/deps.js";
import { toPlainText } from "../../../src/engine/message.js";
import { cycleFigures, missionFigures, statsReport } from "../../../src/services/stats.js";
import { cancelBroadcast, draftBroadcast, sendBroadcast } from "../../../src/services/broadcast.js";
import { createMissionDraft, publishMission } from "../../../src/services/missions-admin.js";
import { approveSubmission, rejectSubmission } from "../../../src/services/review.js";
import { MANAGER, STRANGER, managerConfig, missionValues, seedInfluencer, seedSubmission } from "./fixtures.js";

describe.each(testProviders())("stats and broadcasts on %s", (provider) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
  });
  afterAll(async () => t?.destroy());

  it("given a published mission with submissions then the figures count each stage and the points paid", async () => {
    const deps = testDeps(t, managerConfig);
    const infs = [await seedInfluencer(t.db, { name: "Ana" }), await seedInfluencer(t.db, { name: "Bo" }), await seedInfluencer(t.db, { name: "Cy" })];
    const m = await createMissionDraft(deps, MANAGER, missionValues({ points: "40" }));
    if (!m.ok) throw new Error(m.error);
    await publishMission(deps, MANAGER, m.value.id);
    const inQ1 = { createdAt: new Date("2026-01-05T10:00:00Z") };
    const s1 = await seedSubmission(t.db, m.value.id, infs[0]!.id, inQ1);
    const s2 = await seedSubmission(t.db, m.value.id, infs[1]!.id, inQ1);
    await t.db.participation.create({ data: { missionId: m.value.id, influencerId: infs[2]!.id, status: "accepted" } });
    await approveSubmission(deps, MANAGER, s1.id);
    await rejectSubmission(deps, MANAGER, s2.id, "wrong account");
    const f = await missionFigures(deps, MANAGER);
    expect(f.ok && f.value).toEqual([{ missionId: m.value.id, title: "Spring launch", status: "published", offered: 3, accepted: 3, submitted: 2, verified: 1, rejected: 1, pointsPaid: 40, clicks: 0 }]);
    const c = await cycleFigures(deps, MANAGER);
    expect(c.ok && c.value).toMatchObject({ activeInfluencers: 3, submissions: 2, pointsEarned: 40, pointsRedeemed: 0, top: [{ influencerId: infs[0]!.id, name: "Ana", points: 40 }] });
    const report = await statsReport(deps, MANAGER, "en");
    if (!report.ok) throw new Error(report.error);
    expect(report.value.text).toContain("3 active influencers, 2 submissions, 40 points earned");
    expect(report.value.text).toContain("Top: 1. Ana 40");
    expect(report.value.text).toContain(`#${m.value.id} Spring launch [published]: offered 3, accepted 3, submitted 2, verified 1, rejected 1, 40 points paid, 0 clicks`);
    expect(await statsReport(deps, STRANGER, "en")).toEqual({ ok: false, error: "manage.refused" });
  });

  it("given a broadcast draft then it previews and counts, confirm queues once per recipient, a second confirm sends nothing", async () => {
    const deps = testDeps(t, managerConfig);
    await seedInfluencer(t.db, { tags: ["vip"] });
    await seedInfluencer(t.db, { tags: ["VIP", "x"] });
    await seedInfluencer(t.db, { tags: ["other"] });
    const draft = await draftBroadcast(deps, MANAGER, { text: "Hello **VIPs**\n\nSee you soon", segment: { tags: ["vip"] } });
    if (!draft.ok) throw new Error(draft.error);
    expect(draft.value.recipients).toBe(2);
    expect(toPlainText(draft.value.preview)).toBe("Hello **VIPs**\n\nSee you soon");
    expect(await t.db.outboxMessage.count({ where: { purpose: "broadcast" } })).toBe(0);
    const [a, b] = await Promise.all([sendBroadcast(deps, MANAGER, draft.value.id), sendBroadcast(deps, MANAGER, draft.value.id)]);
    expect([a, b].filter((r) => r.ok).map((r) => r.ok && r.value.queued)).toEqual([2]);
    expect(await t.db.outboxMessage.count({ where: { batchKey: `broadcast:${draft.value.id}` } })).toBe(2);
    const other = await draftBroadcast(deps, MANAGER, { text: "x" });
    expect(other.ok && other.value.recipients).toBeGreaterThanOrEqual(3);
    if (other.ok) expect(await cancelBroadcast(deps, MANAGER, other.value.id)).toEqual({ ok: true, value: { id: other.value.id } });
    expect(await draftBroadcast(deps, MANAGER, { text: "" })).toEqual({ ok: false, error: "manage.broadcast.invalid", params: { field: "text" } });
    expect(await draftBroadcast(deps, STRANGER, { text: "x" })).toEqual({ ok: false, error: "manage.refused" });
  });
});
