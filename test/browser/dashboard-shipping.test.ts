// Shipping a product from the rewards page in a real Chromium (playwright-core, issue 21): the
// admin reads the address the influencer typed, fills the tracking number, presses "Mark shipped",
// and the redemption is shipped with the influencer's notice queued; then "Mark fulfilled".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentCycle } from "../../src/services/ledger.js";
import { MANAGER, seedInfluencer } from "../services/manage/fixtures.js";
import { chromiumPath } from "./chromium.js";
import { startBrowserDashboard, type BrowserDashboard } from "./dashboard-harness.js";

describe.skipIf(!chromiumPath)("dashboard shipping in Chromium", () => {
  let d: BrowserDashboard;
  beforeAll(async () => {
    d = await startBrowserDashboard();
  });
  afterAll(() => d?.close());

  it("shows the address, ships with a tracking number, then fulfils", async () => {
    const { t, deps, base } = d;
    const inf = await seedInfluencer(t.db, { name: "Paula Parcel", locale: "it" });
    const reward = await t.db.reward.create({ data: { name: "Hoodie", cost: 50, kind: "product" } });
    const redemption = await t.db.redemption.create({
      data: { rewardId: reward.id, influencerId: inf.id, cycleId: (await currentCycle(t.db, deps.clock)).id, cost: 50, shippingAddress: { lines: ["Paula Rossi", "Via Roma 1", "00184 Roma", "Italia"] } },
    });
    const page = await d.signIn(MANAGER);
    await page.getByRole("link", { name: "Rewards" }).click();

    const row = page.locator("tr", { hasText: "Paula Parcel" });
    expect(await row.locator("address").innerText()).toBe("Paula Rossi\nVia Roma 1\n00184 Roma\nItalia");
    await row.getByLabel("Tracking number").fill("RR123456789IT");
    await row.getByRole("button", { name: "Mark shipped" }).click();
    await page.waitForURL(`${base}/dashboard/rewards`);
    expect(await t.db.redemption.findUniqueOrThrow({ where: { id: redemption.id } })).toMatchObject({ status: "shipped", trackingNumber: "RR123456789IT" });
    expect((await t.db.outboxMessage.findFirstOrThrow({ where: { dedupeKey: `redemption:${redemption.id}:shipped` } })).influencerId).toBe(inf.id);
    expect(await page.locator("tr", { hasText: "Paula Parcel" }).getByRole("button", { name: "Mark shipped" }).count()).toBe(0);

    await page.locator("tr", { hasText: "Paula Parcel" }).getByRole("button", { name: "Mark fulfilled" }).click();
    await page.waitForURL(`${base}/dashboard/rewards`);
    expect((await t.db.redemption.findUniqueOrThrow({ where: { id: redemption.id } })).status).toBe("fulfilled");
  });
});
