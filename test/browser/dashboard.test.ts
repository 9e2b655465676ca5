// The dashboard in a real Chromium (playwright-core): sign in with a link by pressing the button,
// see the overview figures that are in the database, approve from the review queue (the
// influencer's notice is queued in the outbox), and a spent link is refused; the overview's chart,
// "mark fulfilled" on the rewards page, a CSV download, a form posted without its CSRF token and
// a manager removed since signing in are refused; a viewer sees no action button.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { TestDatabase } from "../helpers/db.js";
import { createMissionDraft, publishMission } from "../../src/services/missions-admin.js";
import { createSignInLink } from "../../src/web/sessions.js";
import { readFile } from "node:fs/promises";
import { parseCsv } from "../../src/cli/csv-file.js";
import { currentCycle } from "../../src/services/ledger.js";
import { MANAGER, missionValues, seedInfluencer, seedSubmission } from "../services/manage/fixtures.js";
import { chromiumPath } from "./chromium.js";
import { startBrowserDashboard, type BrowserDashboard } from "./dashboard-harness.js";

describe.skipIf(!chromiumPath)("dashboard in Chromium", () => {
  let d: BrowserDashboard;
  let t: TestDatabase;
  let browser: Browser;
  let base: string;
  let deps: BrowserDashboard["deps"];
  beforeAll(async () => {
    d = await startBrowserDashboard();
    ({ t, browser, base, deps } = d);
  });
  afterAll(() => d?.close());

  it("signs in with the button, shows the database's figures, approves from the queue, filters the directory and refuses the spent link", async () => {
    const m = await createMissionDraft(deps, MANAGER, missionValues({ points: "25", deadline: "2027-03-01T00:00:00Z" }));
    if (!m.ok) throw new Error(m.error);
    await publishMission(deps, MANAGER, m.value.id);
    const inf = await seedInfluencer(t.db, { name: "Ana Browser" });
    const sub = await seedSubmission(t.db, m.value.id, inf.id);
    await seedSubmission(t.db, m.value.id, (await seedInfluencer(t.db)).id);
    const pending = await t.db.submission.count({ where: { status: "needs_review" } });

    const url = (await createSignInLink(deps, MANAGER))!;
    const page = await (await browser.newContext()).newPage();
    await page.goto(url);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${base}/dashboard`);
    expect(await page.getByText(`Pending reviews: ${pending}`).count()).toBe(1);

    await page.getByRole("link", { name: `Pending reviews: ${pending}` }).click();
    const row = page.locator("tr", { hasText: "Ana Browser" });
    await row.getByRole("button", { name: "Approve" }).click();
    await page.waitForURL(`${base}/dashboard/review`);
    expect(await page.locator("tr", { hasText: "Ana Browser" }).count()).toBe(0);
    expect((await t.db.submission.findUniqueOrThrow({ where: { id: sub.id } })).status).toBe("approved");
    expect(await t.db.outboxMessage.count({ where: { influencerId: inf.id } })).toBeGreaterThan(0);

    await page.getByRole("link", { name: "Influencers" }).click();
    await page.getByLabel("Name or handle").fill("Ana");
    await page.getByRole("button", { name: "Search" }).click();
    expect(await page.locator("td", { hasText: "Ana Browser" }).count()).toBe(1);
    expect(await page.locator("tr").count()).toBe(2); // header + Ana

    const other = await (await browser.newContext()).newPage();
    const response = await other.goto(url);
    expect(response?.status()).toBe(403);
    expect(await other.getByRole("button", { name: "Sign in" }).count()).toBe(0);
  });

  it("fulfils a redemption, downloads a CSV, and refuses a form without its token and a removed manager", async () => {
    const inf = await seedInfluencer(t.db, { name: "Rita Reward" });
    const cycle = await currentCycle(t.db, deps.clock);
    const reward = await t.db.reward.create({ data: { name: "Cap", cost: 5 } });
    const redemption = await t.db.redemption.create({ data: { rewardId: reward.id, influencerId: inf.id, cycleId: cycle.id, cost: 5 } });
    await t.db.manager.create({ data: { platform: "slack", externalId: "UTEMP", role: "admin" } });
    const page = await d.signIn("slack:UTEMP", { acceptDownloads: true, viewport: { width: 390, height: 844 } });
    expect(await page.locator("#charts svg").count()).toBeGreaterThan(0);
    expect(await page.getByText("Figures as text").count()).toBeGreaterThan(0);

    await page.getByRole("link", { name: "Rewards" }).click();
    const row = page.locator("tr", { hasText: "Rita Reward" });
    await row.getByLabel("Code or note for the influencer (optional)").fill("VOUCHER-9");
    await row.getByRole("button", { name: "Mark fulfilled" }).click();
    await page.waitForURL(`${base}/dashboard/rewards`);
    expect((await t.db.redemption.findUniqueOrThrow({ where: { id: redemption.id } })).status).toBe("fulfilled");
    expect((await t.db.outboxMessage.findFirstOrThrow({ where: { dedupeKey: `redemption:${redemption.id}:fulfilled` } })).payload).toMatchObject({ params: { note: "VOUCHER-9" } });

    await page.getByRole("link", { name: "Influencers" }).click();
    await page.getByLabel("Name or handle").fill("rita");
    await page.getByRole("button", { name: "Search" }).click();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download as CSV" }).click()]);
    const rows = parseCsv(await readFile((await download.path())!, "utf8"));
    expect(rows.map((r) => r.cells[1])).toEqual(["name", "Rita Reward"]);

    // The same form with its hidden token taken out, as a forged cross-site post would be.
    const sub = await seedSubmission(t.db, (await t.db.mission.findFirstOrThrow()).id, inf.id);
    await page.getByRole("link", { name: "Review queue" }).click();
    const item = page.locator("tr", { hasText: "Rita Reward" });
    await item.locator('input[name="csrf"]').first().evaluate((el) => el.remove());
    await item.getByRole("button", { name: "Approve" }).click();
    expect(await page.getByText("This form has expired").count()).toBe(1);
    expect((await t.db.submission.findUniqueOrThrow({ where: { id: sub.id } })).status).toBe("needs_review");

    await t.db.manager.deleteMany({ where: { externalId: "UTEMP" } });
    const refused = await page.goto(`${base}/dashboard/missions`);
    expect(refused?.status()).toBe(401);
    expect(await page.getByText("Please sign in").count()).toBe(1);
  });

  it("shows a viewer the pages of their role without action buttons, and refuses the review queue", async () => {
    const inf = await seedInfluencer(t.db, { name: "Vera Viewed" });
    const reward = await t.db.reward.create({ data: { name: "Scarf", cost: 5 } });
    await t.db.redemption.create({ data: { rewardId: reward.id, influencerId: inf.id, cycleId: (await currentCycle(t.db, deps.clock)).id, cost: 5 } });
    await seedSubmission(t.db, (await t.db.mission.findFirstOrThrow()).id, inf.id);
    await t.db.manager.create({ data: { platform: "slack", externalId: "UVIEW", role: "viewer" } });
    const page = await d.signIn("slack:UVIEW");
    expect(await page.getByRole("link", { name: "Review queue" }).count()).toBe(0);
    expect(await page.getByRole("link", { name: "Influencers" }).count()).toBe(0);
    await page.getByRole("link", { name: "Rewards" }).click();
    expect(await page.getByText("Scarf").count()).toBeGreaterThan(0);
    expect(await page.getByRole("button", { name: "Mark fulfilled" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Approve" }).count()).toBe(0);
    const refused = await page.goto(`${base}/dashboard/review`);
    expect(refused?.status()).toBe(403);
    expect(await page.getByRole("button", { name: "Approve" }).count()).toBe(0);
    expect(await page.getByText("A viewer can read reports").count()).toBe(1);
  });
});
