// Broadcasts through the real outbox dispatcher with the Discord adapter as its sender, against the
// fake Discord: DM channels opened once and stored (the second broadcast costs one request per
// person), closed DMs unreachable and skipped afterwards, a 429 retried after retry_after.
import { beforeEach, describe, expect, it } from "vitest";
import { FakeClock } from "../../../src/clock.js";
import { textMessage } from "../../../src/engine/message.js";
import { audience } from "../../../src/services/audience.js";
import { enqueue } from "../../../src/services/outbox.js";
import { testConfig } from "../../../src/config.js";
import { testProviders } from "../../helpers/db.js";
import { drainAll, testDispatcher } from "../../delivery/helpers.js";
import { seedInfluencer, discordHarnessPerTest, type Harness } from "./harness.js";

const A = "3500000000000000001";
const B = "3500000000000000002";
const C = "3500000000000000003";
const C_DM = "5500000000000000003";

describe.each(testProviders())("discord broadcasts through the outbox on %s", (provider) => {
  const discord = discordHarnessPerTest(provider);
  let h: Harness | undefined;
  let clock: FakeClock;
  beforeEach(async () => {
    clock = new FakeClock("2026-03-02T10:00:00Z");
  });

  async function broadcast(key: string, text: string) {
    const recipients = await audience({ db: discord.database().db, config: testConfig() });
    await enqueue(
      discord.database().db,
      recipients.map((r) => ({
        platform: r.platform,
        recipient: r.recipient,
        influencerId: r.influencerId,
        purpose: "mission.announce",
        dedupeKey: `${key}:${r.influencerId}`,
        payload: { kind: "message" as const, message: textMessage(text) },
      })),
    );
    return drainAll(discord.database(), clock, testDispatcher(discord.database(), clock, [h!.adapter]));
  }

  it("given three influencers (one with closed DMs) then the first broadcast opens DMs once, the second reuses them and skips the closed one", async () => {
    await seedInfluencer(discord.database(), A);
    await seedInfluencer(discord.database(), B);
    await seedInfluencer(discord.database(), C, { chatId: C_DM });
    h = await discord.start(() => []);
    const fake = h.fake;
    fake.fail(fake.dmChannelFor(B), { kind: "dm_closed" });

    expect(await broadcast("m1", "Mission 1 is live")).toMatchObject({ sent: 2, unreachable: 1, retried: 0 });
    const rows = await discord.database().db.outboxMessage.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => r.status).sort()).toEqual(["sent", "sent", "unreachable"]);
    const accounts = await discord.database().db.platformAccount.findMany({ orderBy: { externalId: "asc" } });
    expect(accounts.map((a) => [a.externalId, a.chatId, a.unreachableAt !== null])).toEqual([
      [A, fake.dmChannelFor(A), false],
      [B, fake.dmChannelFor(B), true],
      [C, C_DM, false],
    ]);

    const before = fake.calls.length;
    expect(await broadcast("m2", "Mission 2 is live")).toMatchObject({ sent: 2, unreachable: 0 });
    const second = fake.calls.slice(before);
    // One request per reachable person: no DM opens, nothing to the closed DM.
    expect(second.map((c) => `${c.method} ${c.path}`).sort()).toEqual(
      [`POST /channels/${fake.dmChannelFor(A)}/messages`, `POST /channels/${C_DM}/messages`].sort(),
    );
    expect(fake.callsTo("POST", new RegExp(`^/channels/${fake.dmChannelFor(B)}/messages$`)).length).toBe(1);
  });

  it("given Discord rate limits a DM then the row waits retry_after and is sent once", async () => {
    await seedInfluencer(discord.database(), C, { chatId: C_DM });
    h = await discord.start(() => []);
    h.fake.fail(C_DM, { kind: "rate_limited", retryAfter: 3, times: 1 });
    const start = clock.now().getTime();
    expect(await broadcast("m3", "Mission 3")).toMatchObject({ sent: 1, retried: 1 });
    const row = await discord.database().db.outboxMessage.findFirstOrThrow();
    expect(row.status).toBe("sent");
    expect(row.sentAt!.getTime() - start).toBeGreaterThanOrEqual(3000);
    expect(h.fake.callsTo("POST", new RegExp(`^/channels/${C_DM}/messages$`)).length).toBe(2);
  });
});
