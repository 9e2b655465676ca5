// Issue 13's end-to-end test over real HTTP against the running app: accept → personal link in
// the brief → a browser-like click is counted → a crawler is a preview → a signed postback
// attributes the sale to the influencer → the same order twice is one conversion → a forged
// signature is 401 → the report (the real CLI, --json) shows the figures.
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startApp, type RunningApp } from "../../src/app.js";
import { testConfig } from "../../src/config.js";
import { silentLogger } from "../../src/logger.js";
import { signAdvo } from "../../src/http/signatures.js";
import { awardForSubmission } from "../../src/services/points.js";
import { createTestDatabaseUrl, testProviders } from "../helpers/db.js";
import { FakeUser } from "../engine/harness.js";
import { seedMember, seedMission } from "../engine/seed.js";
import { readUntil } from "../helpers/poll.js";

vi.setConfig({ testTimeout: 240_000 });
const BIN = join(import.meta.dirname, "../../bin/advo.js");
const SECRET = "s3cret-new";

function advo(url: string, args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, DATABASE_URL: url, NODE_ENV: "test", LOG_LEVEL: "silent", ...env }, cwd: tmpdir() }, (error, stdout) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout });
    });
  });
}

describe.each(testProviders())("measurement journey on %s", (provider) => {
  let app: RunningApp;
  let url: string;
  let drop: () => Promise<void>;
  let base: string;
  const env = { PUBLIC_URL: "https://go.example", CONVERSION_SECRET: `old-secret, ${SECRET}`, POINT_VALUE: "0.10", PROGRAM_CURRENCY: "EUR" };
  beforeAll(async () => {
    ({ url, drop } = provider === "sqlite" ? { url: `file:${join(mkdtempSync(join(tmpdir(), "advo-m-")), "m.db")}`, drop: async () => {} } : await createTestDatabaseUrl(provider));
    app = await startApp(testConfig({ DATABASE_URL: url, PORT: "0", ...env }), silentLogger);
    base = `http://127.0.0.1:${app.port}`;
  });
  afterAll(async () => {
    await app?.stop();
    await drop?.();
  });

  const post = (body: string, headers: Record<string, string>) => fetch(`${base}/conversions`, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });

  it("given an accepted mission then clicks, previews, signed sales and the report add up", async () => {
    const deps = app.deps;
    const inf = await seedMember(deps, "ana");
    const m = await seedMission(deps, { title: "Summer drop", points: 100 });
    await deps.db.mission.update({ where: { id: m.id }, data: { landingUrl: "https://shop.example/summer?ref=ig#buy", discountPrefix: "ANA" } });

    // accept → the personal link and discount code come with the acceptance and the brief
    const user = new FakeUser(app.engine, "ana");
    await user.action("mission.accept", String(m.id));
    const accepted = user.last.map((r) => r.text).join("\n");
    const link = /https:\/\/go\.example\/t\/([A-Z2-9]{10})/.exec(accepted);
    expect(link, accepted).not.toBeNull();
    const code = /ANA-[A-Z2-9]{6}/.exec(accepted)?.[0];
    expect(code).toBeDefined();
    await user.action("mission.view", String(m.id));
    expect(user.lastText()).toContain(link![0]);
    expect(user.lastText()).toContain(code);

    // a browser-like click: 302 at once, click id on the landing URL, row written after the response
    const click = await fetch(`${base}/t/${link![1]!.toLowerCase()}`, { redirect: "manual", headers: { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/140", accept: "text/html" } });
    expect(click.status).toBe(302);
    const landing = new URL(click.headers.get("location")!);
    expect(landing.host + landing.pathname + landing.hash).toBe("shop.example/summer#buy");
    const clickId = landing.searchParams.get("advo_click")!;
    expect(clickId).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(landing.searchParams.get("utm_campaign")).toBe(`summer-drop-${m.id}`);
    // a crawler unfurling the link: redirected without click id, a preview
    const bot = await fetch(`${base}/t/${link![1]}`, { redirect: "manual", headers: { "user-agent": "facebookexternalhit/1.1" } });
    expect(new URL(bot.headers.get("location")!).searchParams.has("advo_click")).toBe(false);
    const clicks = await readUntil(() => deps.db.click.findMany(), (c) => c.length === 2);
    expect(clicks.map((c) => c.preview).sort()).toEqual([false, true]);
    expect((await fetch(`${base}/t/ZZZZZZZZZZ`, { redirect: "manual" })).status).toBe(404);

    // signed postbacks: by discount code, by click id (secret rotation: the second secret works)
    const order = JSON.stringify({ orderId: "A-1001", amount: "49.90", currency: "eur", code: code!.toLowerCase() });
    const first = await post(order, signAdvo(SECRET, order));
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ ok: true, duplicate: false });
    const again = await post(order, signAdvo(SECRET, order));
    expect(await again.json()).toEqual({ ok: true, duplicate: true });
    const byClick = JSON.stringify({ orderId: "A-1002", amount: 20, currency: "EUR", clickId });
    expect(await (await post(byClick, signAdvo("old-secret", byClick))).json()).toEqual({ ok: true, duplicate: false });
    const refund = JSON.stringify({ orderId: "A-1001", refundId: "R1", amount: "9.90", currency: "EUR" });
    expect(await (await post(refund, signAdvo(SECRET, refund))).json()).toEqual({ ok: true, duplicate: false });
    const yen = JSON.stringify({ orderId: "A-1003", amount: "1500", currency: "JPY", clickId });
    expect(await (await post(yen, signAdvo(SECRET, yen))).json()).toEqual({ ok: true, duplicate: false });
    const stranger = JSON.stringify({ orderId: "A-1004", amount: "5", currency: "EUR", code: "NOSUCHCODE" });
    expect(await (await post(stranger, signAdvo(SECRET, stranger))).json()).toEqual({ ok: true, duplicate: false });

    // forged, stale or missing signatures: 401 and nothing stored; bad fields after a valid signature: 400 naming the field
    const before = await deps.db.conversion.count();
    const forged = JSON.stringify({ orderId: "F-1", amount: "10", currency: "EUR" });
    expect((await post(forged, signAdvo("wrong", forged))).status).toBe(401);
    expect((await post(forged, signAdvo(SECRET, forged, Math.floor(Date.now() / 1000) - 600))).status).toBe(401);
    expect((await post(forged, signAdvo(SECRET, forged, Math.floor(Date.now() / 1000) + 600))).status).toBe(401);
    expect((await post(forged, {})).status).toBe(401);
    const tampered = signAdvo(SECRET, forged);
    expect((await post(forged.replace("10", "1000"), tampered)).status).toBe(401);
    const badAmount = JSON.stringify({ orderId: "B-1", amount: "12.345", currency: "EUR" });
    const r400 = await post(badAmount, signAdvo(SECRET, badAmount));
    expect(r400.status).toBe(400);
    expect(await r400.json()).toMatchObject({ field: "amount" });
    expect((await post("{not json", signAdvo(SECRET, "{not json"))).status).toBe(400);
    expect(await deps.db.conversion.count()).toBe(before);
    const stored = await deps.db.conversion.findUniqueOrThrow({ where: { externalId: "order:A-1001" } });
    expect(stored).toMatchObject({ amountMinor: 4990, currency: "EUR", attribution: "code", influencerId: inf.id, missionId: m.id });
    expect((await deps.db.conversion.findUniqueOrThrow({ where: { externalId: "order:A-1003" } })).amountMinor).toBe(1500);

    // the post is approved: 100 points × 0.10 EUR = 10 EUR of cost
    const part = await deps.db.participation.findFirstOrThrow({ where: { missionId: m.id, influencerId: inf.id } });
    const sub = await deps.db.submission.create({ data: { participationId: part.id, missionId: m.id, influencerId: inf.id, url: "https://www.instagram.com/p/ABC/", originalUrl: "https://www.instagram.com/p/ABC/", network: "instagram", status: "approved" } });
    await awardForSubmission(deps, sub.id);

    const report = await advo(url, ["report", "--mission", String(m.id), "--json"], env);
    expect(report.code).toBe(0);
    const data = JSON.parse(report.stdout).data;
    expect(data.currency).toBe("EUR");
    expect(data.missions).toEqual([expect.objectContaining({
      missionId: m.id, title: "Summer drop", accepted: 1, submitted: 1, approved: 1, clicks: 1, uniqueClicks: 1, previews: 1,
      conversions: 3, otherCurrencyConversions: 1, revenue: 60, refunds: 9.9, cost: 10, roi: 5, costPerClick: 10,
    })]);
    expect(data.influencers).toEqual([expect.objectContaining({ influencerId: inf.id, name: "ana", clicks: 1, conversions: 3, revenue: 60 })]);
    expect(data.unattributed).toEqual({ conversions: 1, revenue: 5 });
    const unknown = await advo(url, ["report", "--mission", "999999", "--json"], env);
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stdout)).toMatchObject({ ok: false, error: { code: "report.mission_not_found" } });
  });
});
