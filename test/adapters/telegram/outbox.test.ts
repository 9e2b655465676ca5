// The outbox dispatcher sending through the Telegram adapter (the real grammY Api against the fake):
// a 429 pauses and reschedules after retry_after without counting an attempt, a user who blocked
// the bot is marked unreachable and skipped, everyone else gets the message once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../../../src/clock.js";
import { paragraph } from "../../../src/engine/message.js";
import { enqueue } from "../../../src/services/outbox.js";
import { createTestDatabase, testProviders, type TestDatabase } from "../../helpers/db.js";
import { drainAll, testDispatcher } from "../../delivery/helpers.js";
import { tooManyRequests } from "../../fakes/telegram-bot-api.js";
import { startHarness, type Harness } from "./harness.js";

describe.each(testProviders())("telegram as the outbox sender on %s", (provider) => {
  let database: TestDatabase;
  let h: Harness;
  beforeAll(async () => {
    database = await createTestDatabase(provider);
    h = await startHarness(database, () => []);
  });
  afterAll(async () => {
    await h.stop();
    await database.destroy();
  });

  it("given a broadcast with a 429 and a blocked user then retry_after is honoured, the blocked user marked, the rest sent once", async () => {
    const users = [9001, 9002, 9003];
    const influencers = await Promise.all(
      users.map((u) => database.db.influencer.create({ data: { status: "active", accounts: { create: { platform: "telegram", externalId: String(u), chatId: String(u) } } } })),
    );
    await enqueue(
      database.db,
      influencers.map((inf, i) => ({
        platform: "telegram" as const,
        recipient: String(users[i]),
        influencerId: inf.id,
        purpose: "broadcast",
        dedupeKey: `broadcast:1:${inf.id}`,
        payload: { kind: "message" as const, message: { blocks: [paragraph("New mission: <b>Spring</b> & more")], disablePreview: true } },
      })),
    );
    h.fake.block(9002);
    h.fake.failNextFor(9003, "sendMessage", tooManyRequests(5));
    const clock = new FakeClock();
    const dispatcher = testDispatcher(database, clock, [h.adapter]);
    const started = clock.now().getTime();

    const counts = await drainAll(database, clock, dispatcher);

    expect(counts).toMatchObject({ sent: 2, unreachable: 1, retried: 1, failed: 0 });
    expect(clock.now().getTime() - started).toBeGreaterThanOrEqual(5000);
    for (const u of [9001, 9003]) {
      const delivered = h.fake.messagesTo(u);
      expect(delivered.at(-1)!.params).toMatchObject({ text: "New mission: &lt;b&gt;Spring&lt;/b&gt; &amp; more", link_preview_options: { is_disabled: true } });
    }
    const rows = await database.db.outboxMessage.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => r.status).sort()).toEqual(["sent", "sent", "unreachable"]);
    // the rate-limited row was not charged an attempt
    expect(rows.every((r) => r.attempts === 0 || r.status === "unreachable")).toBe(true);
    const blocked = await database.db.platformAccount.findFirstOrThrow({ where: { externalId: "9002" } });
    expect(blocked.unreachableAt).not.toBeNull();
    // 9003 was answered 429 once, then sent once; 9001 sent once
    expect(h.fake.messagesTo(9001)).toHaveLength(1);
    expect(h.fake.messagesTo(9003)).toHaveLength(2);
    const [limited, sent] = h.fake.messagesTo(9003);
    expect(sent!.params).toEqual(limited!.params);
  });
});
