// The dashboard in a real Chromium (playwright-core): sign in with a link by pressing the button,
// see the overview figures that are in the database, approve from the review queue (the
// influencer's notice is queued in the outbox), and a spent link is refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser } from "playwright-core";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";
import { testDeps } from "../helpers/deps.js";
import { HttpServer } from "../../src/http/server.js";
import { silentLogger } from "../../src/logger.js";
import { createMissionDraft, publishMission } from "../../src/services/missions-admin.js";
import { dashboardRoutes } from "../../src/web/routes.js";
import { createSignInLink } from "../../src/web/sessions.js";
import { MANAGER, managerConfig, missionValues, seedInfluencer, seedSubmission } from "../services/manage/fixtures.js";
import { chromiumPath } from "./chromium.js";

describe.skipIf(!chromiumPath)("dashboard in Chromium", () => {
  let t: TestDatabase;
  let http: HttpServer;
  let browser: Browser;
  let base: string;
  let deps: ReturnType<typeof testDeps>;
  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
    http = new HttpServer(silentLogger);
    // PUBLIC_URL is filled in once the port is known (links must point at this server).
    deps = testDeps(t, managerConfig);
    http.mount(dashboardRoutes(deps));
    const port = await http.listen(0, "127.0.0.1");
    base = `http://127.0.0.1:${port}`;
    deps.config.PUBLIC_URL = base;
    browser = await chromium.launch({ executablePath: chromiumPath!, headless: true });
  });
  afterAll(async () => {
    await browser?.close();
    await http?.close();
    await t?.destroy();
  });

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
});
