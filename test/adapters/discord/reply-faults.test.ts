// A Discord DM reply the platform keeps failing — 429 with retry_after, 503 past the REST client's
// retries, a server that never answers — is not dropped: it is queued in the outbox as
// `reply.deferred` under the event, the reply after it follows it there in order, and the fault is
// logged with Discord's code and counted in advo_platform_errors_total{platform="discord",path="reply"}.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textMessage } from "../../../src/engine/message.js";
import { Metrics } from "../../../src/metrics.js";
import { directMessage, type FakeDiscord } from "../../fakes/discord.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/db.js";
import { captureLog } from "../../helpers/log-capture.js";
import { platformErrors } from "./faults.js";
import { eventually, startHarness } from "./harness.js";

const DM = "5500000000000000077";
const USER = "3500000000000000077";

describe("discord DM replies under platform faults", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
  });
  afterAll(async () => database.destroy());

  async function replyWhileFailing(arm: Parameters<FakeDiscord["fail"]>[1], messageId: string) {
    const metrics = new Metrics({ processMetrics: false });
    const captured = captureLog("warn");
    const h = await startHarness(database, () => [textMessage("first"), textMessage("second")], { log: captured.log, adapter: { metrics, restTimeoutMs: 1000 } });
    try {
      h.fake.fail(DM, arm);
      h.fake.dispatch("MESSAGE_CREATE", directMessage(messageId, { id: USER }, DM, "hello"));
      const rows = await eventually(async () => {
        const r = await database.db.outboxMessage.findMany({ where: { purpose: "reply.deferred", dedupeKey: { startsWith: `reply:discord:${messageId}:` } }, orderBy: { id: "asc" } });
        return r.length >= 2 ? r : undefined;
      }, "deferred replies");
      expect(rows.map((r) => [r.platform, r.recipient, r.dedupeKey, JSON.stringify(r.payload).includes(r.dedupeKey.endsWith(":0") ? "first" : "second")])).toEqual([
        ["discord", DM, `reply:discord:${messageId}:0`, true],
        ["discord", DM, `reply:discord:${messageId}:1`, true],
      ]);
      await h.adapter.idle();
      // the second reply was never tried: it follows the first through the outbox
      expect(h.fake.messages.size).toBe(0);
      const [line] = captured.find("discord DM reply not sent: queued in the outbox");
      return { line: line!, errors: await platformErrors(metrics) };
    } finally {
      await h.stop();
    }
  }

  it("given Discord answering 429 to the DM reply then both replies are queued in the outbox in order, logged with 429 and counted", async () => {
    const { line, errors } = await replyWhileFailing({ kind: "rate_limited", retryAfter: 5, times: 10 }, "8700000000000000077");
    expect(line).toMatchObject({ platform: "discord", code: "429" });
    expect(errors).toEqual({ "reply/429": 1 });
  });

  it("given Discord answering 503 past the client's retries then both replies are queued in order, logged with 503 and counted", async () => {
    const { line, errors } = await replyWhileFailing({ kind: "server_error", status: 503, times: 10 }, "8700000000000000078");
    expect(line).toMatchObject({ platform: "discord", code: "503" });
    expect(errors).toEqual({ "reply/503": 1 });
  });

  it("given Discord never answering then each try is capped and the replies are queued with a timeout code", async () => {
    const { line, errors } = await replyWhileFailing({ kind: "hang", times: 10 }, "8700000000000000079");
    expect(line).toMatchObject({ platform: "discord", code: "ETIMEDOUT" });
    expect(errors).toEqual({ "reply/ETIMEDOUT": 1 });
  });
});
