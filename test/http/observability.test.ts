// GET /metrics and /readyz on a running app over real HTTP: the exposition parses with a strict
// Prometheus text parser, and the values move after real events (an engine event, a tracking-link
// click, an outbox send through the dispatcher, a job run); the outbox gauge is read from the
// database; the bearer token is enforced; /readyz reflects the database and each platform.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type Component, type RunningApp } from "../../src/app.js";
import { testConfig } from "../../src/config.js";
import { silentLogger } from "../../src/logger.js";
import { createDeliveryComponent } from "../../src/delivery/component.js";
import type { MessageSender } from "../../src/delivery/port.js";
import { enqueue } from "../../src/services/outbox.js";
import { createTrackingLink } from "../../src/services/tracking.js";
import { JobRunner } from "../../src/jobs/runner.js";
import { Metrics } from "../../src/metrics.js";
import { textMessage } from "../../src/engine/message.js";
import { createEngine } from "../../src/engine/engine.js";
import { observeChecker } from "../../src/metrics-hooks.js";
import { bearerMatches } from "../../src/http/observability.js";
import { createTestDatabaseUrl, testProviders } from "../helpers/db.js";
import { parsePrometheusText, sampleValue } from "../helpers/prometheus.js";

const TOKEN = "metrics-token-0123456789";

describe.each(testProviders())("observability on %s", (provider) => {
  let app: RunningApp;
  let base: string;
  let drop: () => Promise<void>;
  let platformUp = true;
  const sent: string[] = [];
  const sender: MessageSender = {
    platform: "telegram",
    async send(recipient) {
      sent.push(recipient);
      return recipient === "slow-down" ? { status: "retry", afterSeconds: 0, rateLimited: true } : { status: "sent", messageId: "1" };
    },
  };
  const fakePlatform: Component = { name: "telegram", start: async () => {}, stop: async () => {}, ready: async () => platformUp };

  beforeAll(async () => {
    const db = await createTestDatabaseUrl(provider);
    drop = db.drop;
    app = await startApp(testConfig({ DATABASE_URL: db.url, PORT: "0", METRICS_TOKEN: TOKEN, MANAGERS: "console:op" }), silentLogger, [
      () => [fakePlatform],
      (core) => [createDeliveryComponent(core, [sender], { idleMs: 20 })],
    ]);
    base = `http://127.0.0.1:${app.port}`;
  });
  afterAll(async () => {
    await app?.stop();
    await drop?.();
  });

  const scrape = async () => {
    const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    return parsePrometheusText(await res.text());
  };
  const until = async (what: string, check: () => Promise<boolean>) => {
    const start = Date.now();
    while (!(await check())) {
      if (Date.now() - start > 20_000) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  it("given no or a wrong bearer token then /metrics is 401; the right one gets a strictly valid exposition", async () => {
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: "Bearer nope" } })).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: TOKEN } })).status).toBe(401);
    const m = await scrape();
    for (const name of ["advo_inbound_events_total", "advo_engine_duration_seconds", "advo_outbox_sends_total", "advo_outbox_messages", "advo_job_runs_total", "advo_clicks_total", "advo_process_cpu_seconds_total"]) {
      expect(m.has(name), name).toBe(true);
    }
    expect(m.get("advo_engine_duration_seconds")!.type).toBe("histogram");
    expect(m.get("advo_outbox_messages")!.type).toBe("gauge");
  });

  it("given an event whose conversation stays leased elsewhere then its error is counted under its code", async () => {
    const errors = (m: Awaited<ReturnType<typeof scrape>>) => sampleValue(m, "advo_engine_errors_total", { platform: "console", code: "conversation_busy" }) ?? 0;
    const before = await scrape();
    await app.deps.db.conversation.create({ data: { key: "console:busy", data: {}, lockOwner: "another-instance", lockedUntil: new Date(Date.now() + 600_000) } });
    const engine = createEngine(app.deps, { leaseWaitMs: 50 });
    const replies = await engine.handle({
      id: "console:obs-busy", platform: "console", conversation: "console:busy", chatType: "private",
      author: { id: "busy", isBot: false }, payload: { type: "command", name: "help", args: [], argText: "" }, receivedAt: new Date(),
    });
    expect(replies).toHaveLength(1);
    expect(errors(await scrape())).toBe(errors(before) + 1);
  });

  it("given an engine event, a click, outbox sends and a job run then their series move", async () => {
    const before = await scrape();
    const inbound = (m: typeof before) => sampleValue(m, "advo_inbound_events_total", { platform: "console", kind: "command" }) ?? 0;
    const engineCount = (m: typeof before) => sampleValue(m, "advo_engine_duration_seconds_count", { platform: "console", outcome: "ok" }) ?? 0;

    await app.engine.handle({
      id: "console:obs-1", platform: "console", conversation: "console:op", chatType: "private",
      author: { id: "op", isBot: false }, payload: { type: "command", name: "help", args: [], argText: "" }, receivedAt: new Date(),
    });
    const link = await createTrackingLink(app.deps, "console:op", { targetUrl: "https://shop.example/p" });
    if (!link.ok) throw new Error(link.error);
    expect((await fetch(`${base}/t/${link.value.code}`, { redirect: "manual" })).status).toBe(302);
    await enqueue(app.deps.db, [
      { platform: "telegram", recipient: "r1", purpose: "test", dedupeKey: "obs:1", payload: { kind: "message", message: textMessage("hi") } },
    ]);
    await until("the outbox send", async () => sent.includes("r1"));
    await new JobRunner(app.deps, [{ name: "obs-job", cronSetting: "JOB_REMINDERS_CRON", run: async () => ({ done: 1 }) }]).runNow("obs-job");

    await until("the sent row", async () => sampleValue(await scrape(), "advo_outbox_messages", { platform: "telegram", status: "sent" }) === 1);
    const after = await scrape();
    expect(inbound(after)).toBe(inbound(before) + 1);
    expect(engineCount(after)).toBe(engineCount(before) + 1);
    expect(sampleValue(after, "advo_clicks_total")).toBe((sampleValue(before, "advo_clicks_total") ?? 0) + 1);
    expect(sampleValue(after, "advo_outbox_sends_total", { platform: "telegram", outcome: "sent" })).toBe(1);
    expect(sampleValue(after, "advo_job_runs_total", { job: "obs-job", outcome: "ok" })).toBe(1);
    expect(sampleValue(after, "advo_job_duration_seconds_count", { job: "obs-job" })).toBe(1);
  });

  it("given a platform that answers 429 then the rate-limited attempt is counted apart from sends", async () => {
    await enqueue(app.deps.db, [
      { platform: "telegram", recipient: "slow-down", purpose: "test", dedupeKey: "obs:2", payload: { kind: "message", message: textMessage("hi") } },
    ]);
    await until("a rate-limited attempt", async () => (sampleValue(await scrape(), "advo_outbox_sends_total", { platform: "telegram", outcome: "rate_limited" }) ?? 0) >= 1);
  });

  it("given the database and platforms up then /readyz is 200; a platform down makes it 503 naming it", async () => {
    const ok = await fetch(`${base}/readyz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: "ready", checks: { started: "ok", database: "ok", telegram: "ok" } });
    platformUp = false;
    const down = await fetch(`${base}/readyz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: "not ready", checks: { started: "ok", database: "ok", telegram: "unavailable" } });
    platformUp = true;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});

describe("metrics units", () => {
  it("given two apps in one process then each has its own registry (no duplicate registration, no shared counts)", async () => {
    const a = new Metrics({ processMetrics: false });
    const b = new Metrics({ processMetrics: false });
    a.click();
    expect(sampleValue(parsePrometheusText((await a.scrape()).body), "advo_clicks_total")).toBe(1);
    expect(sampleValue(parsePrometheusText((await b.scrape()).body), "advo_clicks_total")).toBe(0);
  });

  it("given a checker then every verification outcome is counted, failures as error", async () => {
    const m = new Metrics({ processMetrics: false });
    const decisions = ["verified", "needs_review", "rejected"] as const;
    let i = 0;
    const checker = observeChecker({ verify: async () => ({ decision: decisions[i++]! }), isLive: async () => "live" }, m);
    for (let k = 0; k < 3; k++) await checker.verify({} as never);
    const failing = observeChecker({ verify: async () => Promise.reject(new Error("x")), isLive: async () => "live" }, m);
    await expect(failing.verify({} as never)).rejects.toThrow("x");
    const parsed = parsePrometheusText((await m.scrape()).body);
    for (const outcome of [...decisions, "error"]) expect(sampleValue(parsed, "advo_verifications_total", { outcome })).toBe(1);
  });

  it("given bearer headers then only the exact token matches", () => {
    expect(bearerMatches(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(bearerMatches(`bearer ${TOKEN}`, TOKEN)).toBe(true);
    for (const h of [undefined, "", "Bearer ", `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, TOKEN]) expect(bearerMatches(h, TOKEN), String(h)).toBe(false);
  });

  it("given malformed expositions then the test parser refuses them", () => {
    expect(() => parsePrometheusText("x 1\n")).toThrow(/TYPE/);
    expect(() => parsePrometheusText("# TYPE x counter\nx{a=\"1} 1\n")).toThrow(/labels/);
    expect(() => parsePrometheusText("# TYPE x counter\nx one\n")).toThrow();
    expect(() => parsePrometheusText("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\nh_sum 1\n")).toThrow(/increasing/);
  });
});
