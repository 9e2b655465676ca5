// Delivery and scheduler as app components: they start with the app, work, show up on /healthz,
// and stop gracefully with it.
import { afterEach, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../../src/app.js";
import { testConfig } from "../../src/config.js";
import { createDeliveryComponent } from "../../src/delivery/component.js";
import type { MessageSender } from "../../src/delivery/port.js";
import { toPlainText, type OutboundMessage } from "../../src/engine/message.js";
import { createSchedulerComponent } from "../../src/jobs/scheduler.js";
import type { JobDefinition } from "../../src/jobs/types.js";
import { silentLogger } from "../../src/logger.js";
import { enqueue } from "../../src/services/outbox.js";
import { createTestDatabaseUrl, testProviders } from "../helpers/db.js";

describe.each(testProviders())("delivery and scheduler components on %s", (provider) => {
  let app: RunningApp | undefined;
  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });

  it("given the app running with both, then queued messages are delivered, jobs run, and /healthz shows both", { timeout: 60_000 }, async () => {
    const { url } = await createTestDatabaseUrl(provider);
    const sent: string[] = [];
    const sender: MessageSender = { platform: "console", send: async (to: string, m: OutboundMessage) => { sent.push(`${to}: ${toPlainText(m)}`); return { status: "sent", messageId: "m1" }; } };
    const tick: JobDefinition = { name: "tick", cronSetting: "JOB_REMINDERS_CRON", run: async () => ({ ticked: 1 }) };
    app = await startApp(testConfig({ DATABASE_URL: url, PORT: "0", JOBS_ENABLED: "true" }), silentLogger, [
      (core) => [createSchedulerComponent(core, { jobs: [tick], cron: { tick: "* * * * * *" } }), createDeliveryComponent(core, [sender], { idleMs: 100 })],
    ]);
    await enqueue(app.deps.db, [{ platform: "console", recipient: "ops", purpose: "leaderboard.post", dedupeKey: "k1", payload: { kind: "i18n", messageId: "jobs.leaderboard.empty" } }]);
    await expect.poll(() => sent, { timeout: 10_000 }).toEqual(["ops: No points yet this cycle: the first verified post takes the lead!"]);
    await expect.poll(() => app!.deps.db.jobRun.count({ where: { outcome: "ok" } }), { timeout: 10_000 }).toBeGreaterThan(0);
    type Health = { jobs: { latest: { job: string; outcome: string }[] }; outbox: object };
    const health = async () => (await (await fetch(`http://127.0.0.1:${app!.port}/healthz`)).json()) as Health;
    // The job fires every second: poll until the latest run seen is a finished one.
    await expect.poll(async () => (await health()).jobs.latest[0], { timeout: 10_000 }).toMatchObject({ job: "tick", outcome: "ok" });
    expect((await health()).outbox).toEqual({});
    await app.stop();
    app = undefined;
  });
});
