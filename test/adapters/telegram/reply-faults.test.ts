// Faults on Telegram's reply and outbox paths that the other suites do not reach: a Bot API that
// never answers (each attempt is capped, so a reply is queued in the outbox and an outbox send
// comes back as a retry instead of waiting grammY's 500 s), and connection resets (one is retried
// at once; two in a row queue the reply instead of auto-retry retrying it forever). Each fault is
// logged with its code and counted in advo_platform_errors_total{platform,path,code}. A failed
// bookkeeping write (remembering the chat) does not cost the replies either.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { textMessage } from "../../../src/engine/message.js";
import { Metrics } from "../../../src/metrics.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/db.js";
import { captureLog } from "../../helpers/log-capture.js";
import { parsePrometheusText } from "../../helpers/prometheus.js";
import { eventually, privateText, startHarness, until, type Harness } from "./harness.js";

const USER = 66601;

async function platformErrors(metrics: Metrics): Promise<Record<string, number>> {
  const family = parsePrometheusText((await metrics.scrape()).body).get("advo_platform_errors_total");
  return Object.fromEntries((family?.samples ?? []).map((s) => [`${s.labels.platform}/${s.labels.path}/${s.labels.code}`, s.value]));
}

describe("telegram reply and outbox faults: hangs and resets", () => {
  let database: TestDatabase;
  let h: Harness | undefined;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
  });
  afterEach(async () => {
    await h?.stop();
    h = undefined;
    await database.db.outboxMessage.deleteMany();
  });
  afterAll(async () => database.destroy());

  const deferred = () => database.db.outboxMessage.findMany({ where: { purpose: "reply.deferred", recipient: String(USER) }, orderBy: { id: "asc" } });

  it("given a Bot API that never answers a reply then the attempt is capped and the reply is queued in the outbox, logged and counted as ETIMEDOUT", async () => {
    const captured = captureLog("warn");
    const metrics = new Metrics({ processMetrics: false });
    h = await startHarness(database, () => [textMessage("first"), textMessage("second")], { mode: "webhook", log: captured.log, sendTimeoutSeconds: 1, metrics });
    h.fake.hangNext("sendMessage");
    const started = Date.now();
    expect(await h.deliver(privateText(USER, "ping"))).toBe(200);
    const rows = await eventually(async () => ((await deferred()).length >= 2 ? deferred() : undefined), "queued replies", 15_000);
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(rows.map((r) => (r.payload as { message: { blocks: unknown } }).message.blocks)).toEqual([textMessage("first").blocks, textMessage("second").blocks]);
    expect(h.fake.hung).toHaveLength(1);
    expect(captured.find("telegram reply not sent: queued in the outbox")[0]).toMatchObject({ code: "ETIMEDOUT" });
    expect(await platformErrors(metrics)).toMatchObject({ "telegram/reply/ETIMEDOUT": 1 });
  });

  it("given one connection reset on a reply then it is tried again at once and sent once", async () => {
    h = await startHarness(database, () => [textMessage("pong")], { mode: "webhook" });
    h.fake.dropNext("sendMessage");
    expect(await h.deliver(privateText(USER, "ping"))).toBe(200);
    expect(h.fake.dropped).toHaveLength(1);
    expect(h.fake.messagesTo(USER).map((m) => m.params.text)).toEqual(["pong"]);
    expect(await deferred()).toHaveLength(0);
  });

  it("given the connection reset on every try then the reply is queued (auto-retry does not retry network errors forever)", async () => {
    const metrics = new Metrics({ processMetrics: false });
    h = await startHarness(database, () => [textMessage("pong")], { mode: "webhook", metrics });
    h.fake.dropNext("sendMessage", 2);
    const started = Date.now();
    expect(await h.deliver(privateText(USER, "ping"))).toBe(200);
    expect(Date.now() - started).toBeLessThan(2_500); // auto-retry's first pause alone is 3 s
    expect(await deferred()).toHaveLength(1);
    expect(Object.keys(await platformErrors(metrics))).toEqual([expect.stringMatching(/^telegram\/reply\/(ECONNRESET|UND_ERR_SOCKET|EPIPE)$/)]);
  });

  it("given the chat cannot be remembered (the account write fails) then the replies are still sent and the fault is logged as a warning", async () => {
    const user = USER + 1;
    await database.db.influencer.create({ data: { status: "active", accounts: { create: { platform: "telegram", externalId: String(user), chatId: "old-chat" } } } });
    // A real write failure from the database, on exactly the bookkeeping write (rememberChat's UPDATE).
    await database.db.$executeRawUnsafe(`CREATE TRIGGER "fail_account_update" BEFORE UPDATE ON "PlatformAccount" BEGIN SELECT RAISE(ABORT, 'injected fault'); END`);
    try {
      const captured = captureLog("warn");
      h = await startHarness(database, () => [textMessage("first"), textMessage("second")], { mode: "webhook", log: captured.log });
      expect(await h.deliver(privateText(user, "ping"))).toBe(200);
      expect(h.fake.messagesTo(user).map((m) => m.params.text)).toEqual(["first", "second"]);
      expect(captured.find("could not remember the chat")).toHaveLength(1);
      expect(captured.find("telegram event failed")).toEqual([]);
    } finally {
      await database.db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS "fail_account_update"`);
    }
  });

  it("given a Bot API that never answers an outbox send then send returns a retry with ETIMEDOUT within the cap (normal backoff: it may have arrived)", async () => {
    h = await startHarness(database, () => [], { sendTimeoutSeconds: 1 });
    h.fake.hangNext("sendMessage");
    const started = Date.now();
    const result = await h.adapter.send(String(USER), textMessage("news"));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result).toMatchObject({ status: "retry", code: "ETIMEDOUT", transient: false });
    await until(() => h!.fake.hung.length === 1, "hung call recorded");
  });
});
