// A send whose connection is reset (a stale keep-alive socket, the classic "first send after
// start fails"): the log names the socket error code, the row is retried about a second later
// without pausing Telegram, and only a second failure in a row falls back to the normal backoff.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../../../src/clock.js";
import { paragraph } from "../../../src/engine/message.js";
import { enqueue } from "../../../src/services/outbox.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/db.js";
import { captureLog } from "../../helpers/log-capture.js";
import { drainAll, testDispatcher } from "../../delivery/helpers.js";
import { startHarness, type Harness } from "./harness.js";

describe("telegram outbox send over a connection that is reset", () => {
  let database: TestDatabase;
  let h: Harness;
  const captured = captureLog();
  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    h = await startHarness(database, () => [], { log: captured.log });
  });
  afterAll(async () => {
    await h.stop();
    await database.destroy();
  });

  async function queueFor(users: number[], key: string) {
    const people = await Promise.all(users.map((u) => database.db.influencer.create({
      data: { status: "active", accounts: { create: { platform: "telegram", externalId: String(u), chatId: String(u) } } },
    })));
    await enqueue(database.db, people.map((p, i) => ({
      platform: "telegram" as const, recipient: String(users[i]), influencerId: p.id, purpose: "broadcast", dedupeKey: `${key}:${p.id}`,
      payload: { kind: "message" as const, message: { blocks: [paragraph(`news ${key}`)] } },
    })));
  }

  it("given the first send's connection is reset, then the code is logged and it is retried within about a second, the others unpaused", async () => {
    await queueFor([7001, 7002], "first");
    const clock = new FakeClock(new Date(Date.now() + 60_000)); // rows are due
    const dispatcher = testDispatcher(database, clock, [h.adapter], {}, {}, captured.log);
    h.fake.dropNext("sendMessage");
    const started = clock.now().getTime();

    const counts = await dispatcher.drain();
    expect(counts).toMatchObject({ claimed: 2, sent: 1, retried: 1 });
    expect(h.fake.dropped).toHaveLength(1);
    // Telegram was not paused: the other chat's message went out without waiting.
    expect(clock.now().getTime() - started).toBeLessThan(1000);
    const row = await database.db.outboxMessage.findFirstOrThrow({ where: { status: "queued" } });
    expect(row.attempts).toBe(1);
    expect(row.notBefore.getTime() - clock.now().getTime()).toBeLessThanOrEqual(1000);
    expect(row.lastError).toMatch(/^telegram network ECONNRESET: /);
    const [line] = captured.find("telegram send failed on the network");
    expect(line).toMatchObject({ code: "ECONNRESET", platform: "telegram" });
    expect(captured.find("retrying in about a second")).toHaveLength(1);
    // The bot token (in the request URL of the socket error) is neither stored nor logged.
    expect(row.lastError).not.toContain(h.fake.token);
    expect(JSON.stringify(captured.lines)).not.toContain(h.fake.token);

    clock.advance(1000);
    expect(await dispatcher.drain()).toMatchObject({ sent: 1 });
    const chat = String(h.fake.dropped[0]!.params.chat_id);
    expect(h.fake.messagesTo(chat)).toHaveLength(1);
  });

  it("given two resets in a row, then the second retry uses the normal backoff", async () => {
    await queueFor([7003], "twice");
    const clock = new FakeClock(new Date(Date.now() + 60_000));
    const dispatcher = testDispatcher(database, clock, [h.adapter]);
    h.fake.dropNext("sendMessage", 2);
    await dispatcher.drain();
    clock.advance(1000);
    await dispatcher.drain();
    const row = await database.db.outboxMessage.findFirstOrThrow({ where: { recipient: "7003" } });
    expect(row).toMatchObject({ status: "queued", attempts: 2 });
    expect(row.notBefore.getTime() - clock.now().getTime()).toBeGreaterThanOrEqual(10_000);
    const counts = await drainAll(database, clock, dispatcher);
    expect(counts.sent).toBe(1);
    expect(h.fake.messagesTo(7003)).toHaveLength(1);
  });
});
