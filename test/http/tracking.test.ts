// Tracking links over real HTTP (the Hono sub-app bridged into the app's server like src/app.ts
// does): 302 with click id and UTM tags, the click row written after the response, previews
// counted apart, codes case-insensitive, unknown codes 404, never a target from the request.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";
import { testDeps } from "../helpers/deps.js";
import { HttpServer } from "../../src/http/server.js";
import { trackingRoutes } from "../../src/http/tracking.js";
import { AfterResponse } from "../../src/http/after-response.js";
import { silentLogger } from "../../src/logger.js";
import { createTrackingLink, ensureParticipationLink } from "../../src/services/tracking.js";
import { missionFigures } from "../../src/services/stats.js";
import { MANAGER, STRANGER, managerConfig, seedInfluencer } from "../services/manage/fixtures.js";
import { readUntil } from "../helpers/poll.js";

describe.each(testProviders())("tracking links on %s", (provider) => {
  let t: TestDatabase;
  let http: HttpServer;
  let base: string;
  let after: AfterResponse;
  const config = { ...managerConfig, PUBLIC_URL: "https://advo.example", TRACKING_COUNTRY_HEADER: "CF-IPCountry" };
  beforeAll(async () => {
    t = await createTestDatabase(provider);
    http = new HttpServer(silentLogger);
    after = new AfterResponse(silentLogger);
    http.mount(trackingRoutes({ ...testDeps(t, config), after }));
    base = `http://127.0.0.1:${await http.listen(0, "127.0.0.1")}`;
  });
  afterAll(async () => {
    await http?.close();
    await after?.drain();
    await t?.destroy();
  });

  it("given a manager-made link then a visit redirects with click id and UTM tags, writes a hashed click, and the figures count it", async () => {
    const deps = testDeps(t, config);
    const m = await t.db.mission.create({ data: { title: "M", brief: "b", points: 5, deadline: new Date("2026-03-01"), segment: {}, status: "published" } });
    expect(await createTrackingLink(deps, STRANGER, { targetUrl: "https://shop.example/p" })).toEqual({ ok: false, error: "manage.refused" });
    expect(await createTrackingLink(deps, MANAGER, { targetUrl: "javascript:alert(1)" })).toEqual({ ok: false, error: "manage.tracking.invalid", params: { field: "targetUrl" } });
    const link = await createTrackingLink(deps, MANAGER, { targetUrl: "https://shop.example/p?x=1&advo_click=old#top", missionId: m.id });
    if (!link.ok) throw new Error(link.error);
    expect(link.value.url).toBe(`https://advo.example/t/${link.value.code}`);

    const res = await fetch(`${base}/t/${link.value.code.toLowerCase()}`, { redirect: "manual", headers: { "user-agent": "Mozilla/5.0 test", "cf-ipcountry": "fr" } });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get("location")!);
    expect(location.origin + location.pathname).toBe("https://shop.example/p");
    expect(location.hash).toBe("#top");
    expect(location.searchParams.get("x")).toBe("1");
    const clickId = location.searchParams.getAll("advo_click");
    expect(clickId).toHaveLength(1);
    expect(clickId[0]).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    expect(clickId[0]).not.toBe("old");
    expect(Object.fromEntries([...location.searchParams].filter(([k]) => k.startsWith("utm_")))).toEqual({ utm_source: "advo", utm_medium: "influencer", utm_campaign: `m-${m.id}`, utm_content: "program" });

    const clicks = await readUntil(() => t.db.click.findMany(), (c) => c.length === 1);
    expect(clicks).toHaveLength(1);
    expect(clicks[0]).toMatchObject({ clickId: clickId[0], preview: false, country: "FR", userAgent: "Mozilla/5.0 test" });
    expect(clicks[0]!.visitorHash).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(clicks[0]!.visitorHash).not.toContain("127.0.0.1");

    expect((await fetch(`${base}/t/NOSUCHCODE`, { redirect: "manual" })).status).toBe(404);
    expect((await fetch(`${base}/t/${encodeURIComponent("https://evil.example")}`, { redirect: "manual" })).status).toBe(404);
    const f = await missionFigures(deps, MANAGER, { missionIds: [m.id] });
    expect(f.ok && f.value[0]?.clicks).toBe(1);
  });

  it("given a personal link then crawlers, HEAD and prefetch are previews without a click id, and the manager's UTM tags win", async () => {
    const deps = testDeps(t, config);
    const inf = await seedInfluencer(t.db);
    const m = await t.db.mission.create({ data: { title: "Été 2026!", brief: "b", points: 5, deadline: new Date("2026-03-01"), segment: {}, status: "published", landingUrl: "https://shop.example/ete?utm_source=newsletter" } });
    const part = await t.db.participation.create({ data: { missionId: m.id, influencerId: inf.id, status: "accepted" } });
    const first = await ensureParticipationLink(deps, part.id);
    const again = await Promise.all([ensureParticipationLink(deps, part.id), ensureParticipationLink(deps, part.id)]);
    expect(again.map((l) => l?.code)).toEqual([first!.code, first!.code]);
    expect(await t.db.trackingLink.count({ where: { participationId: part.id } })).toBe(1);
    const publicCode = (await t.db.influencer.findUniqueOrThrow({ where: { id: inf.id } })).publicCode!;
    expect(publicCode).toMatch(/^i[a-z2-9]{7}$/);

    const url = `${base}/t/${first!.code}`;
    const previews = [
      fetch(url, { redirect: "manual", headers: { "user-agent": "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)" } }),
      fetch(url, { redirect: "manual", headers: { "user-agent": "TelegramBot (like TwitterBot)" } }),
      fetch(url, { redirect: "manual", headers: { "user-agent": "Mozilla/5.0 (compatible; Discordbot/2.0)" } }),
      fetch(url, { redirect: "manual", headers: { "user-agent": "WhatsApp/2.23" } }),
      fetch(url, { redirect: "manual", method: "HEAD", headers: { "user-agent": "Mozilla/5.0" } }),
      fetch(url, { redirect: "manual", headers: { "user-agent": "Mozilla/5.0", "sec-purpose": "prefetch;prerender" } }),
      fetch(url, { redirect: "manual", headers: { "user-agent": "Mozilla/5.0", purpose: "prefetch" } }),
    ];
    for (const res of await Promise.all(previews)) {
      expect(res.status).toBe(302);
      const loc = new URL(res.headers.get("location")!);
      expect(loc.searchParams.has("advo_click")).toBe(false);
      expect(loc.searchParams.get("utm_source")).toBe("newsletter");
      expect(loc.searchParams.get("utm_campaign")).toBe(`ete-2026-${m.id}`);
      expect(loc.searchParams.get("utm_content")).toBe(publicCode);
    }
    await fetch(url, { redirect: "manual", headers: { "user-agent": "Mozilla/5.0 real" } });
    await fetch(url, { redirect: "manual", headers: { "user-agent": "Mozilla/5.0 real" } }); // same visitor, same day
    const linkId = (await t.db.trackingLink.findUniqueOrThrow({ where: { code: first!.code } })).id;
    const rows = await readUntil(() => t.db.click.findMany({ where: { trackingLinkId: linkId } }), (c) => c.length === 9);
    expect(rows.filter((r) => r.preview)).toHaveLength(7);
    expect(rows.filter((r) => r.preview).every((r) => r.clickId === null && r.visitorHash === null)).toBe(true);
    const real = rows.filter((r) => !r.preview);
    expect(real).toHaveLength(2);
    expect(new Set(real.map((r) => r.visitorHash)).size).toBe(1);
    expect(new Set(real.map((r) => r.clickId)).size).toBe(2);
  });
});
