// Tracking links end to end: created by a manager, visited over real HTTP (302 + a Click row with
// a hashed visitor), counted in the mission figures.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProviders, type TestDatabase } from "../../helpers/db.js";
import { testDeps } from "../../helpers/deps.js";
import { HttpServer } from "../../../src/http/server.js";
import { mountTracking } from "../../../src/http/tracking.js";
import { silentLogger } from "../../../src/logger.js";
import { createTrackingLink } from "../../../src/services/tracking.js";
import { missionFigures } from "../../../src/services/stats.js";
import { MANAGER, STRANGER, managerConfig } from "./fixtures.js";

describe.each(testProviders())("tracking links on %s", (provider) => {
  let t: TestDatabase;
  let http: HttpServer;
  let base: string;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
    http = new HttpServer(silentLogger);
    mountTracking(http, testDeps(t));
    base = `http://127.0.0.1:${await http.listen(0, "127.0.0.1")}`;
  });
  afterAll(async () => {
    await http?.close();
    await t?.destroy();
  });

  it("given a link then a visit redirects, records a hashed click, and the mission figures count it", async () => {
    const deps = testDeps(t, { ...managerConfig, PUBLIC_URL: "https://advo.example" });
    const m = await t.db.mission.create({ data: { title: "M", brief: "b", points: 5, deadline: new Date("2026-03-01"), segment: {}, status: "published" } });
    expect(await createTrackingLink(deps, STRANGER, { targetUrl: "https://shop.example/p" })).toEqual({ ok: false, error: "manage.refused" });
    expect(await createTrackingLink(deps, MANAGER, { targetUrl: "javascript:alert(1)" })).toEqual({ ok: false, error: "manage.tracking.invalid", params: { field: "targetUrl" } });
    const link = await createTrackingLink(deps, MANAGER, { targetUrl: "https://shop.example/p?x=1", missionId: m.id });
    if (!link.ok) throw new Error(link.error);
    expect(link.value.url).toBe(`https://advo.example/t/${link.value.code}`);

    const res = await fetch(`${base}/t/${link.value.code}`, { redirect: "manual", headers: { "user-agent": "test-agent" } });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("https://shop.example/p?x=1");
    await fetch(`${base}/t/${link.value.code}`, { redirect: "manual" });
    expect((await fetch(`${base}/t/NOSUCHCODE`, { redirect: "manual" })).status).toBe(404);
    expect((await fetch(`${base}/t/${encodeURIComponent("<script>")}`, { redirect: "manual" })).status).toBe(404);

    const clicks = await t.db.click.findMany();
    expect(clicks).toHaveLength(2);
    expect(clicks[0]!.visitorHash).toMatch(/^[0-9a-f]{32}$/);
    expect(clicks[0]!.visitorHash).not.toContain("127.0.0.1");
    expect(clicks[0]!.userAgent).toBe("test-agent");
    const f = await missionFigures(deps, MANAGER, { missionIds: [m.id] });
    expect(f.ok && f.value[0]?.clicks).toBe(2);
  });
});
