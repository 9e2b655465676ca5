// Referral figures on the dashboard's overview (issue 21), over real HTTP on SQLite and
// PostgreSQL: member codes, joined, onboarded and points paid, and the members who brought the
// most people — linked to their profile for an admin, plain names for a viewer (a brand's client).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testProviders } from "../helpers/db.js";
import { appendEntry, currentCycle } from "../../src/services/ledger.js";
import { MANAGER, managerConfig, seedInfluencer } from "../services/manage/fixtures.js";
import { startDashboard, type Dashboard } from "./harness.js";

const VIEWER = "slack:UVIEWER";

describe.each(testProviders())("dashboard referral figures on %s", (provider) => {
  let d: Dashboard;
  let anaId: number;
  beforeAll(async () => {
    d = await startDashboard(provider, managerConfig);
    const db = d.t.db;
    await db.manager.create({ data: { platform: "slack", externalId: "UVIEWER", role: "viewer" } });
    const ana = await seedInfluencer(db, { name: "Ana <Referrer>" });
    anaId = ana.id;
    const code = await db.invitation.create({ data: { code: "ANA-REF", maxUses: 10, referrerId: ana.id } });
    const friends = [await seedInfluencer(db, { name: "Bo" }), await seedInfluencer(db, { name: "Cy", status: "onboarding" })];
    await db.influencer.updateMany({ where: { id: { in: friends.map((f) => f.id) } }, data: { invitationId: code.id } });
    const cycle = await currentCycle(db, d.deps.clock);
    await appendEntry(db, { influencerId: ana.id, cycleId: cycle.id, amount: 50, kind: "adjustment", idempotencyKey: `referral:${friends[0]!.id}:onboarded`, reference: `referral:${friends[0]!.id}` });
  });
  afterAll(async () => d?.close());

  it("shows the figures and the top referrers, linked for an admin and plain for a viewer", async () => {
    const admin = await d.signIn(MANAGER);
    const html = await (await d.get("/dashboard", admin.cookie)).text();
    expect(html).toContain("<h2>Referrals</h2>");
    expect(html).toContain("Referrals: 1 member code · 2 joined · 1 onboarded · 0 first posts · 50 points paid");
    expect(html).toContain(`<li><a href="/dashboard/influencers/${anaId}">Ana &#60;Referrer&#62;</a> — 2 people brought</li>`);
    const viewer = await d.signIn(VIEWER);
    const seen = await (await d.get("/dashboard", viewer.cookie)).text();
    expect(seen).toContain("<li>Ana &#60;Referrer&#62; — 2 people brought</li>");
    expect(seen).not.toContain(`/dashboard/influencers/${anaId}`);
  });
});
