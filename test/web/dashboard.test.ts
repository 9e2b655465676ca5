// The dashboard over real HTTP (the sub-app mounted like src/app.ts does): a GET of a sign-in link
// does not spend it, the POST does (once), the cookie is HttpOnly/SameSite=Lax/Secure on https,
// pages need a live manager session, POSTs need the session's CSRF token, and approving from the
// review queue goes through the review service (the influencer's notice lands in the outbox).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";
import { testDeps } from "../helpers/deps.js";
import { HttpServer } from "../../src/http/server.js";
import { silentLogger } from "../../src/logger.js";
import { createMissionDraft, publishMission } from "../../src/services/missions-admin.js";
import { dashboardRoutes } from "../../src/web/routes.js";
import { createSignInLink, revokeSessions } from "../../src/web/sessions.js";
import { MANAGER, STRANGER, managerConfig, missionValues, seedInfluencer, seedSubmission } from "../services/manage/fixtures.js";

describe.each(testProviders())("dashboard over HTTP on %s", (provider) => {
  let t: TestDatabase;
  let http: HttpServer;
  let base: string;
  let deps: ReturnType<typeof testDeps>;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
    deps = testDeps(t, { ...managerConfig, PUBLIC_URL: "https://advo.example" });
    http = new HttpServer(silentLogger);
    http.mount(dashboardRoutes(deps));
    base = `http://127.0.0.1:${await http.listen(0, "127.0.0.1")}`;
  });
  afterAll(async () => {
    await http?.close();
    await t?.destroy();
  });

  const local = (url: string) => url.replace("https://advo.example", base);
  const tokenOf = (url: string) => url.split("/").pop()!;
  const post = (path: string, form: Record<string, string>, cookie?: string) =>
    fetch(`${base}${path}`, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded", ...(cookie ? { cookie } : {}) }, body: new URLSearchParams(form) });

  async function signIn(): Promise<{ cookie: string; csrf: string }> {
    const url = (await createSignInLink(deps, MANAGER))!;
    const res = await post("/dashboard/signin", { token: tokenOf(url) });
    expect(res.status).toBe(303);
    const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
    const page = await (await fetch(`${base}/dashboard`, { headers: { cookie } })).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;
    return { cookie, csrf };
  }

  it("shows a button on GET without spending the link; the POST spends it once and sets a safe cookie", async () => {
    const url = (await createSignInLink(deps, MANAGER))!;
    expect(url.startsWith("https://advo.example/dashboard/signin/")).toBe(true);
    for (let i = 0; i < 2; i++) {
      const page = await fetch(local(url));
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('method="post" action="/dashboard/signin"');
    }
    const first = await post("/dashboard/signin", { token: tokenOf(url) });
    expect(first.status).toBe(303);
    const setCookie = first.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Secure/);
    const again = await post("/dashboard/signin", { token: tokenOf(url) });
    expect(again.status).toBe(403);
    expect((await fetch(local(url))).status).toBe(403);
    const stored = await t.db.dashboardSignInLink.findMany();
    expect(stored.every((l) => !url.includes(l.tokenHash))).toBe(true);
  });

  it("refuses links for non-managers, expired links, pages without a session, and revoked sessions", async () => {
    expect(await createSignInLink(deps, STRANGER)).toBeUndefined();
    const url = (await createSignInLink(deps, MANAGER))!;
    deps.clock.advance(16 * 60_000);
    expect((await post("/dashboard/signin", { token: tokenOf(url) })).status).toBe(403);
    expect((await fetch(`${base}/dashboard`)).status).toBe(401);
    expect((await fetch(`${base}/dashboard/review`, { headers: { cookie: "advo_session=forged" } })).status).toBe(401);
    const { cookie } = await signIn();
    await revokeSessions(deps, "operator", { all: true });
    expect((await fetch(`${base}/dashboard`, { headers: { cookie } })).status).toBe(401);
  });

  it("refuses a POST without the CSRF token and audits it; approves with it and the influencer is notified", async () => {
    const m = await createMissionDraft(deps, MANAGER, missionValues({ points: "40", deadline: "2027-03-01T00:00:00Z" }));
    if (!m.ok) throw new Error(m.error);
    await publishMission(deps, MANAGER, m.value.id);
    const inf = await seedInfluencer(t.db);
    const sub = await seedSubmission(t.db, m.value.id, inf.id);
    const { cookie, csrf } = await signIn();
    const queue = await (await fetch(`${base}/dashboard/review`, { headers: { cookie } })).text();
    expect(queue).toContain(`/dashboard/review/${sub.id}/approve`);

    expect((await post(`/dashboard/review/${sub.id}/approve`, {}, cookie)).status).toBe(403);
    expect((await post(`/dashboard/review/${sub.id}/approve`, { csrf: "x".repeat(csrf.length) }, cookie)).status).toBe(403);
    expect((await t.db.submission.findUniqueOrThrow({ where: { id: sub.id } })).status).toBe("needs_review");
    expect(await t.db.auditLog.count({ where: { action: { startsWith: "dashboard.post:" }, outcome: "refused" } })).toBe(2);

    const ok = await post(`/dashboard/review/${sub.id}/approve`, { csrf }, cookie);
    expect(ok.status).toBe(303);
    expect((await t.db.submission.findUniqueOrThrow({ where: { id: sub.id } })).status).toBe("approved");
    expect(await t.db.outboxMessage.count({ where: { influencerId: inf.id } })).toBeGreaterThan(0);
  });

  it("searches the directory by name or handle, filters by network and language, and pages", async () => {
    await seedInfluencer(t.db, { name: "Zoe Dir", networks: ["tiktok"], locale: "fr" });
    await seedInfluencer(t.db, { name: "Zack Dir", networks: ["instagram"], locale: "fr" });
    const { cookie } = await signIn();
    const get = async (query: string) => (await fetch(`${base}/dashboard/influencers?${query}`, { headers: { cookie } })).text();
    const byName = await get("q=Dir&network=tiktok");
    expect(byName).toContain("Zoe Dir");
    expect(byName).not.toContain("Zack Dir");
    const zack = await t.db.socialHandle.findFirstOrThrow({ where: { influencer: { displayName: "Zack Dir" } } });
    const byHandle = await get(`q=%40${zack.handle}`);
    expect(byHandle).toContain("Zack Dir");
    expect(byHandle).not.toContain("Zoe Dir");
    expect(await get("language=fr&page=1")).toContain("(2 influencers)");
    expect(await get("q=nobody-like-this")).toContain("No influencer matches.");
    expect((await fetch(`${base}/dashboard/influencers`)).status).toBe(401);
  });

  it("filters the audit log by actor, action and target", async () => {
    const { cookie } = await signIn();
    const get = async (query: string) => (await fetch(`${base}/dashboard/audit?${query}`, { headers: { cookie } })).text();
    const signins = await get(`actor=${encodeURIComponent(MANAGER)}&action=dashboard.signin`);
    expect(signins).toContain("dashboard.signin");
    expect(signins).not.toContain("dashboard.link");
    expect(await get("target=dashboardSession:999999")).toContain("No entries.");
  });
});
