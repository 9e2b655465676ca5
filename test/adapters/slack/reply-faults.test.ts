// Slack direct replies (DMs with the bot) when the Web API keeps failing past the reply client's
// own retries — 429 with Retry-After, 5xx, a server that never answers: the reply is not dropped
// but queued in the outbox as `reply.deferred` (keyed by the event), the replies after it follow it
// in order, and each fault is logged with Slack's code and counted in
// advo_platform_errors_total{platform="slack",path="reply"}. The real Bolt app over HTTP, the fake
// Web API, a real database.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FakeClock } from "../../../src/clock.js";
import { message, paragraph } from "../../../src/engine/message.js";
import { HttpServer } from "../../../src/http/server.js";
import { Metrics } from "../../../src/metrics.js";
import { SlackAdapter } from "../../../adapters/slack/transport.js";
import { outboxDeferral } from "../../../adapters/deferred-replies.js";
import { FakeSlackWebApi, type SlackFailure } from "../../fakes/slack-web-api.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/db.js";
import { captureLog } from "../../helpers/log-capture.js";
import { parsePrometheusText } from "../../helpers/prometheus.js";
import { dmEvent, SIGNING_SECRET, signedPost } from "./slack-requests.js";

const TOKEN = "xoxb-test-token";
/** the reply client tries 4 times (1 + 3 retries) */
const ATTEMPTS = 4;

describe("slack direct replies under platform faults", () => {
  let database: TestDatabase;
  let fake: FakeSlackWebApi;
  let http: HttpServer;
  let adapter: SlackAdapter;
  let metrics: Metrics;
  let captured: ReturnType<typeof captureLog>;
  let url: string;

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
  });
  afterAll(async () => database.destroy());
  beforeEach(async () => {
    fake = await new FakeSlackWebApi(TOKEN).listen();
    http = new HttpServer(captureLog("warn").log);
    metrics = new Metrics({ processMetrics: false });
    captured = captureLog("warn");
    adapter = new SlackAdapter({
      botToken: TOKEN, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, log: captured.log, clock: new FakeClock(), http,
      deferReply: outboxDeferral(database.db, "slack"), metrics, replyTimeoutMs: 300,
    });
    await adapter.start(async () => [message([paragraph("first")]), message([paragraph("second")])]);
    url = `http://127.0.0.1:${await http.listen(0, "127.0.0.1")}/slack/events`;
  });
  afterEach(async () => {
    await http.close();
    await adapter.stop();
    await fake.close();
    await database.db.outboxMessage.deleteMany();
  });

  const deferred = () => database.db.outboxMessage.findMany({ where: { purpose: "reply.deferred" }, orderBy: { id: "asc" } });
  const texts = (rows: Awaited<ReturnType<typeof deferred>>) => rows.map((r) => JSON.stringify((r.payload as { message: unknown }).message));
  const replyErrors = async () => {
    const family = parsePrometheusText((await metrics.scrape()).body).get("advo_platform_errors_total");
    return Object.fromEntries((family?.samples ?? []).map((s) => [`${s.labels.path}/${s.labels.code}`, s.value]));
  };

  async function dmWhileFailing(failure: SlackFailure, eventId: string) {
    fake.fail("chat.postMessage", ...Array.from({ length: ATTEMPTS }, () => failure));
    expect((await signedPost(url, JSON.stringify(dmEvent("hi", { eventId })), { contentType: "application/json" })).status).toBe(200);
    await adapter.stop(); // waits for the delivery that follows the ack
    const rows = await deferred();
    expect(rows.map((r) => [r.platform, r.recipient, r.dedupeKey])).toEqual([
      ["slack", "DINFLUENCER1", `reply:slack:${eventId}:0`],
      ["slack", "DINFLUENCER1", `reply:slack:${eventId}:1`],
    ]);
    expect(texts(rows)[0]).toContain("first");
    expect(texts(rows)[1]).toContain("second");
    // the second reply was never tried: it follows the first through the outbox
    expect(fake.callsTo("chat.postMessage")).toHaveLength(ATTEMPTS);
    return captured.find("slack reply not sent: queued in the outbox");
  }

  it("given chat.postMessage answering 503 past the client's retries then both replies are queued in order, logged with 503 and counted", async () => {
    const [line] = await dmWhileFailing({ status: 503 }, "EvF503");
    expect(line).toMatchObject({ platform: "slack", code: "503" });
    expect(await replyErrors()).toEqual({ "reply/503": 1 });
  });

  it("given chat.postMessage answering 429 with Retry-After on every try then the replies are queued, not dropped", async () => {
    const [line] = await dmWhileFailing({ rateLimited: 1 }, "EvF429");
    expect(line).toMatchObject({ code: "429" });
    expect(await replyErrors()).toEqual({ "reply/429": 1 });
  });

  it("given a Web API that never answers then each try is capped and the replies are queued with a timeout code", async () => {
    const [line] = await dmWhileFailing({ hang: true }, "EvFhang");
    expect(line!.code).toMatch(/^(ETIMEDOUT|ECONNABORTED)$/);
    expect(Object.keys(await replyErrors())).toEqual([`reply/${String(line!.code)}`]);
  });
});
