// The rewards page's shipping over real HTTP, on SQLite and PostgreSQL (issue 21): an admin sees
// a product redemption's address and marks it shipped with a tracking number, then fulfilled —
// CSRF-checked, audited, the influencer told in their language through the outbox. A reviewer and
// a viewer see no address and no form and are refused the POST; an erased person's address is gone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testProviders } from "../helpers/db.js";
import { currentCycle } from "../../src/services/ledger.js";
import { eraseInfluencer } from "../../src/services/privacy.js";
import { t } from "../../src/i18n/translate.js";
import { MANAGER, managerConfig, seedInfluencer } from "../services/manage/fixtures.js";
import { startDashboard, type Dashboard } from "./harness.js";

const REVIEWER = "slack:UREVIEWER";
const VIEWER = "slack:UVIEWER";
const ADDRESS = { lines: ["Lucía Gómez", "Calle Mayor 12", "28013 Madrid", "España"] };

describe.each(testProviders())("dashboard shipping on %s", (provider) => {
  let d: Dashboard;
  let productId: number;
  let erasedId: number;
  let lucia: number;
  beforeAll(async () => {
    d = await startDashboard(provider, managerConfig);
    const { t: tdb, deps } = d;
    await tdb.db.manager.createMany({ data: [{ platform: "slack", externalId: "UREVIEWER", role: "reviewer" }, { platform: "slack", externalId: "UVIEWER", role: "viewer" }] });
    const cycle = await currentCycle(tdb.db, deps.clock);
    const reward = await tdb.db.reward.create({ data: { name: "Hoodie", cost: 50, kind: "product" } });
    lucia = (await seedInfluencer(tdb.db, { name: "Lucía", locale: "es" })).id;
    const gone = await seedInfluencer(tdb.db, { name: "Gone Soon" });
    productId = (await tdb.db.redemption.create({ data: { rewardId: reward.id, influencerId: lucia, cycleId: cycle.id, cost: 50, shippingAddress: ADDRESS } })).id;
    erasedId = (await tdb.db.redemption.create({ data: { rewardId: reward.id, influencerId: gone.id, cycleId: cycle.id, cost: 50, shippingAddress: { lines: ["Secret Person", "1 Hidden Road", "London"] } } })).id;
    await eraseInfluencer(deps, gone.id);
  });
  afterAll(async () => d?.close());

  const row = (html: string, id: number) => /<tr id="redemption-(\d+)">.*?<\/tr>/gs.exec(html.slice(html.indexOf(`<tr id="redemption-${id}">`)))?.[0] ?? "";

  it("shows an admin the address and a ship form; an erased person's row has no address", async () => {
    const { cookie } = await d.signIn(MANAGER);
    const html = await (await d.get("/dashboard/rewards", cookie)).text();
    expect(row(html, productId)).toContain("<address>Lucía Gómez<br>Calle Mayor 12<br>28013 Madrid<br>España</address>");
    expect(row(html, productId)).toContain(`action="/dashboard/rewards/redemptions/${productId}/ship"`);
    expect(row(html, erasedId)).not.toContain("<address>");
    expect(html).not.toContain("Hidden Road");
  });

  it("shows a reviewer and a viewer neither address nor forms, and refuses them the ship POST", async () => {
    for (const actor of [REVIEWER, VIEWER]) {
      const { cookie, csrf } = await d.signIn(actor);
      const html = await (await d.get("/dashboard/rewards", cookie)).text();
      expect(html).not.toContain("Calle Mayor");
      expect(html).not.toContain("/ship");
      expect((await d.post(`/dashboard/rewards/redemptions/${productId}/ship`, { csrf, tracking: "TRACK-1" }, cookie)).status).toBe(403);
    }
    expect((await d.t.db.redemption.findUniqueOrThrow({ where: { id: productId } })).status).toBe("pending");
    expect(await d.t.db.auditLog.count({ where: { actor: { in: [REVIEWER, VIEWER] }, action: "redemption.fulfil", outcome: "refused" } })).toBe(2);
  });

  it("ships with the tracking number only with the CSRF token, tells the influencer in Spanish, then fulfils", async () => {
    const { cookie, csrf } = await d.signIn(MANAGER);
    const path = `/dashboard/rewards/redemptions/${productId}/ship`;
    expect((await d.post(path, { tracking: "1Z999" }, cookie)).status).toBe(403);
    expect((await d.post(path, { csrf, tracking: "x" }, cookie)).status).toBe(400); // too short: refused, nothing changes
    expect((await d.t.db.redemption.findUniqueOrThrow({ where: { id: productId } })).status).toBe("pending");
    expect((await d.post(path, { csrf, tracking: "1Z999AA1" }, cookie)).status).toBe(303);
    const shipped = await d.t.db.redemption.findUniqueOrThrow({ where: { id: productId } });
    expect(shipped).toMatchObject({ status: "shipped", trackingNumber: "1Z999AA1", decidedBy: MANAGER });
    const notice = await d.t.db.outboxMessage.findFirstOrThrow({ where: { dedupeKey: `redemption:${productId}:shipped` } });
    expect(notice.influencerId).toBe(lucia);
    expect(notice.payload).toMatchObject({ messageId: "fulfil.shipped_notice", params: { tracking: "1Z999AA1" } });
    // Rendered at send time in the reader's language: Lucía reads Spanish.
    const { messageId, params } = notice.payload as { messageId: "fulfil.shipped_notice"; params: Record<string, string> };
    expect(t("es", messageId, params)).toContain("está en camino! Número de seguimiento: 1Z999AA1");
    expect(await d.t.db.auditLog.count({ where: { action: "redemption.ship", targetId: String(productId), actor: MANAGER, outcome: "ok" } })).toBe(1);
    // Shipped now: no ship form any more, the tracking number shown, fulfil still offered.
    const html = await (await d.get("/dashboard/rewards", cookie)).text();
    expect(row(html, productId)).not.toContain("/ship");
    expect(row(html, productId)).toContain("tracking 1Z999AA1");
    expect((await d.post(path, { csrf, tracking: "1Z999AA2" }, cookie)).status).toBe(400); // a second ship is refused
    expect((await d.post(`/dashboard/rewards/redemptions/${productId}/fulfil`, { csrf }, cookie)).status).toBe(303);
    expect((await d.t.db.redemption.findUniqueOrThrow({ where: { id: productId } })).status).toBe("fulfilled");
    expect(await d.t.db.outboxMessage.count({ where: { dedupeKey: `redemption:${productId}:fulfilled`, influencerId: lucia } })).toBe(1);
  });
});
