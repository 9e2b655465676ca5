// Roles on the dashboard over real HTTP, on SQLite and PostgreSQL: every page and form is checked
// by the session guard through requireManager with the page's action (src/web/access.ts). An
// admin opens everything; a reviewer the review queue and profiles plus what a viewer reads; a
// viewer reads the overview, missions, rewards and cycles, sees no approve/reject/fulfil button,
// and every POST of theirs is refused with 403 (audited) and changes nothing. The review queue
// shows the verifier's record in sentences.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testProviders } from "../helpers/db.js";
import { currentCycle } from "../../src/services/ledger.js";
import { createMissionDraft, publishMission } from "../../src/services/missions-admin.js";
import { MANAGER, managerConfig, missionValues, seedInfluencer, seedSubmission } from "../services/manage/fixtures.js";
import { startDashboard, type Dashboard } from "./harness.js";

const REVIEWER = "slack:UREVIEWER";
const VIEWER = "slack:UVIEWER";

describe.each(testProviders())("dashboard roles on %s", (provider) => {
  let d: Dashboard;
  let missionId: number;
  let influencerId: number;
  let submissionId: number;
  let redemptionId: number;
  beforeAll(async () => {
    d = await startDashboard(provider, managerConfig);
    const { t, deps } = d;
    await t.db.manager.createMany({ data: [{ platform: "slack", externalId: "UREVIEWER", role: "reviewer" }, { platform: "slack", externalId: "UVIEWER", role: "viewer" }] });
    const m = await createMissionDraft(deps, MANAGER, missionValues({ deadline: "2027-03-01T00:00:00Z" }));
    if (!m.ok) throw new Error(m.error);
    missionId = m.value.id;
    await publishMission(deps, MANAGER, missionId);
    influencerId = (await seedInfluencer(t.db, { name: "Rosa Roles" })).id;
    submissionId = (await seedSubmission(t.db, missionId, influencerId)).id;
    const reward = await t.db.reward.create({ data: { name: "Mug", cost: 5 } });
    redemptionId = (await t.db.redemption.create({ data: { rewardId: reward.id, influencerId, cycleId: (await currentCycle(t.db, deps.clock)).id, cost: 5 } })).id;
  });
  afterAll(async () => d?.close());

  const pages = () => ["/dashboard", "/dashboard/missions", `/dashboard/missions/${missionId}`, "/dashboard/influencers", `/dashboard/influencers/${influencerId}`,
    "/dashboard/review", "/dashboard/rewards", "/dashboard/cycles", "/dashboard/audit", "/dashboard/exports", "/dashboard/export/influencers.csv"];

  it.each([
    // overview, missions, mission, directory, profile, review, rewards, cycles, audit, exports, CSV
    [MANAGER, [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]],
    [REVIEWER, [200, 200, 200, 200, 200, 200, 200, 200, 403, 403, 403]],
    [VIEWER, [200, 200, 200, 403, 403, 403, 200, 200, 403, 403, 403]],
  ] as const)("%s opens exactly the pages of its role", async (actor, statuses) => {
    const { cookie } = await d.signIn(actor);
    const got = [];
    for (const path of pages()) {
      const res = await d.get(path, cookie);
      got.push(res.status);
      if (res.status === 403) expect(await res.text()).toContain("Ask an admin"); // manage.refused_role, in the page
      else await res.arrayBuffer();
    }
    expect(got).toEqual(statuses);
  });

  it("shows a viewer no link to a page of another role and no button, and refuses each of their POSTs with 403 (audited)", async () => {
    const { cookie, csrf } = await d.signIn(VIEWER);
    const overview = await (await d.get("/dashboard", cookie)).text();
    for (const hidden of ['href="/dashboard/review"', 'href="/dashboard/influencers"', 'href="/dashboard/audit"', 'href="/dashboard/exports"']) expect(overview).not.toContain(hidden);
    expect(overview).toContain('href="/dashboard/rewards"');
    const rewards = await (await d.get("/dashboard/rewards", cookie)).text();
    expect(rewards).toContain("Mug");
    expect(rewards).not.toContain("/fulfil");
    const mission = await (await d.get(`/dashboard/missions/${missionId}`, cookie)).text();
    expect(mission).toContain("Rosa Roles");
    expect(mission).not.toContain(`href="/dashboard/influencers/${influencerId}"`);

    for (const [path, form] of [[`/dashboard/review/${submissionId}/approve`, {}], [`/dashboard/review/${submissionId}/reject`, { reason: "no" }], [`/dashboard/rewards/redemptions/${redemptionId}/fulfil`, { note: "x" }]] as const) {
      expect((await d.post(path, { csrf, ...form }, cookie)).status).toBe(403);
    }
    expect((await d.t.db.submission.findUniqueOrThrow({ where: { id: submissionId } })).status).toBe("needs_review");
    expect((await d.t.db.redemption.findUniqueOrThrow({ where: { id: redemptionId } })).status).toBe("pending");
    expect(await d.t.db.auditLog.count({ where: { actor: VIEWER, action: { in: ["submission.approve", "submission.reject", "redemption.fulfil"] }, outcome: "refused" } })).toBe(3);
    // Signing out needs no role beyond being a manager.
    expect((await d.post("/dashboard/signout", { csrf }, cookie)).status).toBe(303);
  });

  it("lets a reviewer approve from the queue but not fulfil a redemption, and shows them no fulfil button", async () => {
    const { cookie, csrf } = await d.signIn(REVIEWER);
    const review = await (await d.get("/dashboard/review", cookie)).text();
    expect(review).toContain(`/dashboard/review/${submissionId}/approve`);
    // The verifier's record as the review card's sentences, not JSON.
    expect(review).toContain("<td>Post could not be read (private or blocked).<br>Author: not checked — private post<br>Notes: caption unreadable</td>");
    expect(review).not.toContain("hashtagsMissing");
    expect(await (await d.get("/dashboard/rewards", cookie)).text()).not.toContain("/fulfil");
    expect((await d.post(`/dashboard/rewards/redemptions/${redemptionId}/fulfil`, { csrf, note: "x" }, cookie)).status).toBe(403);
    expect((await d.t.db.redemption.findUniqueOrThrow({ where: { id: redemptionId } })).status).toBe("pending");
    expect((await d.post(`/dashboard/review/${submissionId}/approve`, { csrf }, cookie)).status).toBe(303);
    expect((await d.t.db.submission.findUniqueOrThrow({ where: { id: submissionId } })).status).toBe("approved");
  });

  it("needs an admin for a dashboard path the table does not list", async () => {
    const viewer = await d.signIn(VIEWER);
    expect((await d.get("/dashboard/not-a-page", viewer.cookie)).status).toBe(403);
    const admin = await d.signIn(MANAGER);
    expect((await d.get("/dashboard/not-a-page", admin.cookie)).status).toBe(404);
  });
});
