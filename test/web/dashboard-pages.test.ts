// The dashboard's pages over real HTTP on SQLite and PostgreSQL: the overview's figures are the
// measurement report's (with the charts inline as SVG and as text), missions and their detail,
// an influencer's profile, rewards with "mark fulfilled" (CSRF-checked, audited, the influencer
// told with the note), cycles, the manager's own language and time zone, case-insensitive search.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testProviders } from "../helpers/db.js";
import { measurementReport } from "../../src/services/report.js";
import { approveSubmission } from "../../src/services/review.js";
import { currentCycle } from "../../src/services/ledger.js";
import { createMissionDraft, publishMission } from "../../src/services/missions-admin.js";
import { MANAGER, managerConfig, missionValues, seedInfluencer, seedSubmission } from "../services/manage/fixtures.js";
import { startDashboard, type Dashboard } from "./harness.js";

describe.each(testProviders())("dashboard pages on %s", (provider) => {
  let d: Dashboard;
  let missionId: number;
  let starId: number;
  let redemptionId: number;
  beforeAll(async () => {
    d = await startDashboard(provider, managerConfig);
    const { t, deps } = d;
    const m = await createMissionDraft(deps, MANAGER, missionValues({ title: "Winter <drop>", points: "40", deadline: "2026-01-20T00:00:00Z" }));
    if (!m.ok) throw new Error(m.error);
    missionId = m.value.id;
    await publishMission(deps, MANAGER, missionId);
    const now = deps.clock.now();
    await t.db.mission.update({ where: { id: missionId }, data: { createdAt: now } }); // inside the fake clock's cycle
    const star = await seedInfluencer(t.db, { name: "Star <script>x</script>", networks: ["tiktok"] });
    starId = star.id;
    const other = await seedInfluencer(t.db, { name: "Quiet One" });
    await t.db.influencer.updateMany({ where: { id: { in: [star.id, other.id] } }, data: { createdAt: now } });
    await t.db.influencer.update({ where: { id: star.id }, data: { activatedAt: now } });
    const sub = await seedSubmission(t.db, missionId, star.id, { createdAt: now });
    await seedSubmission(t.db, missionId, other.id, { createdAt: now });
    await t.db.participation.updateMany({ where: { missionId }, data: { acceptedAt: now } });
    expect((await approveSubmission(deps, MANAGER, sub.id)).ok).toBe(true);
    await t.db.ledgerEntry.updateMany({ data: { createdAt: now } }); // the database stamped real time
    const link = await t.db.trackingLink.create({ data: { code: "abc123", missionId, influencerId: star.id, targetUrl: "https://shop.example" } });
    await t.db.click.createMany({ data: [1, 2, 3].map((i) => ({ trackingLinkId: link.id, visitorHash: `v${i}`, at: now })) });
    await t.db.conversion.create({ data: { externalId: "o1", kind: "order", orderId: "o1", amountMinor: 12_500, currency: deps.config.PROGRAM_CURRENCY, missionId, influencerId: star.id, attribution: "link", at: now } });
    const cycle = await currentCycle(t.db, deps.clock);
    const reward = await t.db.reward.create({ data: { name: "Tote bag", cost: 10 } });
    redemptionId = (await t.db.redemption.create({ data: { rewardId: reward.id, influencerId: star.id, cycleId: cycle.id, cost: 10 } })).id;
  });
  afterAll(async () => d?.close());

  it("shows the cycle's figures from the measurement report, the funnel as inline SVG and as text, and escapes names", async () => {
    const { cookie } = await d.signIn(MANAGER);
    const cycle = await currentCycle(d.t.db, d.deps.clock);
    const report = await measurementReport(d.deps, MANAGER, { cycleId: cycle.id });
    if (!report.ok) throw new Error(report.error);
    expect(report.value.totals.clicks).toBe(3);
    const html = await (await d.get("/dashboard", cookie)).text();
    expect(html).toContain(`<dt>Points issued</dt><dd>${report.value.cycle!.points}</dd>`);
    expect(html).toContain("<dt>Clicks</dt><dd>3</dd>");
    expect(html).toContain("<dt>Conversions</dt><dd>1</dd>");
    expect(html).toContain(new Intl.NumberFormat("en", { style: "currency", currency: report.value.currency }).format(report.value.totals.revenue));
    expect(html).toContain('aria-hidden="true"><svg');
    // Funnel as text: 2 invited, 1 finished onboarding, 2 took the mission and posted, 1 approved, 1 redeemed.
    expect(html).toMatch(/<pre>From invited to redeemed\nInvited: 2\nJoined: 1\nActive: 2\nSubmitted: 2\nApproved: 1\nRedeemed: 1<\/pre>/);
    // Points and clicks per UTC day, as text: today holds the cycle's points and the 3 clicks.
    const today = d.deps.clock.now().toISOString().slice(0, 10);
    expect(html).toContain("<pre>Points and clicks per day (UTC days)\n");
    expect(html).toContain(`\n${today}: Points issued ${report.value.cycle!.points}, Clicks 3</pre>`);
    // Submissions per network (both seeded posts are Instagram).
    expect(html).toContain("<pre>Submissions per network\ninstagram: 2</pre>");
    expect(html).not.toContain("<script>x");
    expect(html).toContain("Star &#60;script&#62;x&#60;/script&#62;");
  });

  it("lists missions with their figures and shows a mission's participants and verification record", async () => {
    const { cookie } = await d.signIn(MANAGER);
    const list = await (await d.get("/dashboard/missions", cookie)).text();
    expect(list).toContain(`<a href="/dashboard/missions/${missionId}">Winter &#60;drop&#62;</a>`);
    expect(list).not.toContain("Missing translations"); // everyone reads the program's language
    // Someone reads French (issue 17): the page lists what lacks French, escaped.
    const reader = await d.t.db.influencer.findFirstOrThrow({ where: { displayName: "Quiet One" } });
    await d.t.db.influencer.update({ where: { id: reader.id }, data: { locale: "fr" } });
    const missing = await (await d.get("/dashboard/missions", cookie)).text();
    await d.t.db.influencer.update({ where: { id: reader.id }, data: { locale: "en" } });
    expect(missing).toContain("<h2>Missing translations</h2>");
    expect(missing).toContain("Français (1 influencer)");
    expect(missing).toContain(`<li>Mission ${missionId} “Winter &#60;drop&#62;” (published): not yet in Français</li>`);
    const detail = await (await d.get(`/dashboard/missions/${missionId}`, cookie)).text();
    expect(detail).toContain(`<a href="/dashboard/influencers/${starId}">`);
    expect(detail).toContain("Quiet One");
    expect(detail).toContain("approved");
    expect(detail).toContain("<br>"); // the verifier's record, as sentences
    expect((await d.get("/dashboard/missions/999999", cookie)).status).toBe(404);
    expect((await d.get("/dashboard/missions/abc", cookie)).status).toBe(404);
  });

  it("shows an influencer's profile: handles, missions, ledger and redemptions", async () => {
    const { cookie } = await d.signIn(MANAGER);
    const html = await (await d.get(`/dashboard/influencers/${starId}`, cookie)).text();
    const handle = await d.t.db.socialHandle.findFirstOrThrow({ where: { influencerId: starId } });
    expect(html).toContain(`tiktok: @${handle.handle}`);
    expect(html).toContain("Winter &#60;drop&#62;");
    expect(html).toContain("<td>40</td><td>mission</td>");
    expect(html).toContain("Tote bag");
    expect(html).toContain("<dt>Tier</dt>");
  });

  it("marks a redemption fulfilled only with the CSRF token, audits it and tells the influencer the note", async () => {
    const { cookie, csrf } = await d.signIn(MANAGER);
    expect(await (await d.get("/dashboard/rewards", cookie)).text()).toContain(`/dashboard/rewards/redemptions/${redemptionId}/fulfil`);
    expect((await d.post(`/dashboard/rewards/redemptions/${redemptionId}/fulfil`, { note: "CODE-1" }, cookie)).status).toBe(403);
    expect((await d.t.db.redemption.findUniqueOrThrow({ where: { id: redemptionId } })).status).toBe("pending");
    const ok = await d.post(`/dashboard/rewards/redemptions/${redemptionId}/fulfil`, { csrf, note: "CODE-1" }, cookie);
    expect(ok.status).toBe(303);
    expect((await d.t.db.redemption.findUniqueOrThrow({ where: { id: redemptionId } })).status).toBe("fulfilled");
    const notice = await d.t.db.outboxMessage.findFirstOrThrow({ where: { dedupeKey: `redemption:${redemptionId}:fulfilled` } });
    expect(notice.payload).toMatchObject({ messageId: "manage.redemption.fulfilled_notice_note", params: { note: "CODE-1" } });
    expect(await d.t.db.auditLog.count({ where: { action: "redemption.fulfil", targetId: String(redemptionId), actor: MANAGER } })).toBe(1);
    const again = await d.post(`/dashboard/rewards/redemptions/${redemptionId}/fulfil`, { csrf }, cookie);
    expect(again.status).toBe(400);
  });

  it("lists cycles linking to their overview", async () => {
    const { cookie } = await d.signIn(MANAGER);
    const cycle = await currentCycle(d.t.db, d.deps.clock);
    const html = await (await d.get("/dashboard/cycles", cookie)).text();
    expect(html).toContain(`<a href="/dashboard?cycle=${cycle.id}">`);
    expect((await d.get(`/dashboard?cycle=${cycle.id}`, cookie)).status).toBe(200);
  });

  it("speaks the manager's own language and shows times in their time zone", async () => {
    const me = await d.t.db.influencer.create({ data: { displayName: "Manager Marie", status: "active", locale: "fr", timezone: "Asia/Tokyo" } });
    await d.t.db.platformAccount.create({ data: { influencerId: me.id, platform: "slack", externalId: "UMANAGER" } });
    const { cookie } = await d.signIn(MANAGER);
    const html = await (await d.get(`/dashboard/missions/${missionId}`, cookie)).text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain("Participants");
    // The deadline 2026-01-20T00:00Z is 09:00 in Tokyo.
    expect(html).toContain(new Intl.DateTimeFormat("fr", { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Tokyo" }).format(new Date("2026-01-20T00:00:00Z")));
    expect(html).toContain("09:00");
    await d.t.db.platformAccount.deleteMany({ where: { influencerId: me.id } });
    await d.t.db.influencer.delete({ where: { id: me.id } });
  });

  it("searches the directory without regard to case", async () => {
    const { cookie } = await d.signIn(MANAGER);
    const html = await (await d.get("/dashboard/influencers?q=QUIET", cookie)).text();
    expect(html).toContain("Quiet One");
    expect(html).not.toContain("Star &#60;");
  });

  it("given a cycle older than the picker's latest 50, then its overview still shows its funnel", async () => {
    const { cookie } = await d.signIn(MANAGER);
    const day = 86_400_000;
    const old = await d.t.db.cycle.create({ data: { name: "Spring 2000", startsAt: new Date(Date.UTC(2000, 0, 1)), endsAt: new Date(Date.UTC(2000, 1, 1)), status: "closed" } });
    await d.t.db.cycle.createMany({ data: Array.from({ length: 50 }, (_, i) => ({ name: `Past ${i}`, startsAt: new Date(Date.UTC(2001, 0, 1) + i * 7 * day), endsAt: new Date(Date.UTC(2001, 0, 8) + i * 7 * day), status: "closed" })) });
    const html = await (await d.get(`/dashboard?cycle=${old.id}`, cookie)).text();
    expect(html).toContain("Spring 2000");
    expect(html).toMatch(/<pre>From invited to redeemed\nInvited: 0\nJoined: 0\nActive: 0\nSubmitted: 0\nApproved: 0\nRedeemed: 0<\/pre>/);
  });
});
