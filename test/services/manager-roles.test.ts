// Manager roles: a reviewer is refused each admin action (the refusal names what the role can do)
// and may review; a viewer only reads; only an admin changes roles, audited; the channel sync
// keeps a role that was set explicitly.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";
import { testDeps } from "../helpers/deps.js";
import { MANAGER, STRANGER, managerConfig, missionValues, seedInfluencer, seedSubmission } from "./manage/fixtures.js";
import { listManagers, removeManager, setManagerRole } from "../../src/services/manager-roles.js";
import { syncChannelManagers, managerRole } from "../../src/services/managers.js";
import { approveSubmission, reviewQueue } from "../../src/services/review.js";
import { adjustPoints, influencerStatement } from "../../src/services/points-admin.js";
import { closeCycle, setCycleSettings } from "../../src/services/cycles.js";
import { draftBroadcast } from "../../src/services/broadcast.js";
import { createMissionDraft, listMissions } from "../../src/services/missions-admin.js";
import { statsReport } from "../../src/services/stats.js";
import { setTier } from "../../src/services/tiers-admin.js";
import { seedMission } from "../engine/seed.js";
import { t } from "../../src/i18n/translate.js";
import type { Deps } from "../../src/services/deps.js";

const REVIEWER = "slack:UREVIEW";
const VIEWER = "slack:UVIEW";

describe.each(testProviders())("manager roles on %s", (provider) => {
  let db: TestDatabase;
  let deps: Deps;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
    deps = testDeps(db, managerConfig);
    expect(await setManagerRole(deps, MANAGER, REVIEWER, "reviewer")).toMatchObject({ ok: true });
    expect(await setManagerRole(deps, "operator", VIEWER, "viewer")).toMatchObject({ ok: true });
  });
  afterAll(async () => db?.destroy());

  it("given a reviewer then every admin action is refused naming the role, and reviewing works", async () => {
    const inf = await seedInfluencer(db.db);
    const refusals = [
      await adjustPoints(deps, REVIEWER, { influencerId: inf.id, points: 10, reason: "x" }),
      await closeCycle(deps, REVIEWER, { force: true }),
      await setCycleSettings(deps, REVIEWER, { reset: true } as never),
      await draftBroadcast(deps, REVIEWER, { text: "hi" } as never),
      await createMissionDraft(deps, REVIEWER, missionValues()),
      await setTier(deps, REVIEWER, { key: "gold", threshold: 9 }),
      await setManagerRole(deps, REVIEWER, VIEWER, "admin"),
    ];
    for (const r of refusals) expect(r).toMatchObject({ ok: false, error: "manage.refused_role", params: { role: "reviewer" } });
    expect(await db.db.auditLog.count({ where: { actor: REVIEWER, outcome: "refused" } })).toBe(refusals.length);
    const mission = await seedMission(deps, { points: 30 });
    const sub = await seedSubmission(db.db, mission.id, inf.id);
    expect((await reviewQueue(deps, REVIEWER)).ok).toBe(true);
    expect(await approveSubmission(deps, REVIEWER, sub.id)).toMatchObject({ ok: true, value: { awarded: 30 } });
    expect((await influencerStatement(deps, REVIEWER, inf.id)).ok).toBe(true);
    expect(t("en", "manage.refused_role", { role: "reviewer" })).toContain("A reviewer can review submissions");
    expect(t("es", "manage.refused_role", { role: "viewer" })).toContain("Un lector puede leer informes");
  });

  it("given a viewer then reports and lists are readable and the review queue is not", async () => {
    expect((await listMissions(deps, VIEWER)).ok).toBe(true);
    expect((await statsReport(deps, VIEWER, "en")).ok).toBe(true);
    expect(await reviewQueue(deps, VIEWER)).toMatchObject({ ok: false, error: "manage.refused_role", params: { role: "viewer" } });
    expect(await reviewQueue(deps, STRANGER)).toMatchObject({ ok: false, error: "manage.refused" });
  });

  it("given roles set explicitly then the channel sync keeps them, gives newcomers the default role, and only an admin removes one", async () => {
    await syncChannelManagers(deps as never, "slack", ["UNEW"]);
    expect(await managerRole(deps, REVIEWER)).toBe("reviewer");
    expect(await managerRole(deps, "slack:UNEW")).toBe("admin");
    expect(await managerRole(testDeps(db, { ...managerConfig, MANAGER_DEFAULT_ROLE: "viewer" }), "slack:UNEW")).toBe("viewer");
    expect(await setManagerRole(deps, MANAGER, "nobody", "admin")).toMatchObject({ ok: false, error: "growth.roles.invalid_person" });
    expect(await setManagerRole(deps, MANAGER, REVIEWER, "owner")).toMatchObject({ ok: false, error: "growth.roles.invalid_role" });
    expect(await setManagerRole(deps, MANAGER, MANAGER, "viewer")).toMatchObject({ ok: false, error: "growth.roles.from_env" });
    const list = await listManagers(deps, MANAGER);
    expect(list.ok && list.value.map((m) => [m.person, m.role])).toEqual(expect.arrayContaining([[MANAGER, "admin"], [REVIEWER, "reviewer"], [VIEWER, "viewer"]]));
    expect(await removeManager(deps, VIEWER, REVIEWER)).toMatchObject({ ok: false, error: "manage.refused_role" });
    expect(await removeManager(deps, MANAGER, VIEWER)).toMatchObject({ ok: true });
    expect(await managerRole(deps, VIEWER)).toBeNull();
    expect(await db.db.auditLog.count({ where: { action: { in: ["managers.set_role", "managers.remove"] }, outcome: "ok" } })).toBe(3);
  });
});
