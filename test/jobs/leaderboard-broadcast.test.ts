import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeClock } from "../../src/clock.js";
import { renderPayload } from "../../src/delivery/render.js";
import { toPlainText } from "../../src/engine/message.js";
import { runLeaderboardBroadcast } from "../../src/jobs/leaderboard-broadcast.js";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";
import { testDeps } from "../helpers/deps.js";
import { influencer } from "./seed.js";
import { appendEntry, type LedgerKind } from "../../src/services/ledger.js";

describe.each(testProviders())("leaderboard-broadcast job on %s", (provider) => {
  let database: TestDatabase;
  beforeEach(async () => (database = await createTestDatabase(provider)));
  afterEach(async () => database.destroy());

  it("given standings in the open cycle, then the top list goes to every configured channel and opted-in influencers get their rank, once per slot", async () => {
    const clock = new FakeClock("2026-03-06T17:00:00Z");
    const deps = testDeps(database, { BRAND_NAME: "Acme", TELEGRAM_LEADERBOARD_CHATS: "-100,-200", DISCORD_ANNOUNCE_CHANNEL_ID: "d1", SLACK_MANAGER_CHANNEL: "C1" }, clock);
    const { db } = database;
    const cycle = await db.cycle.create({ data: { name: "2026-Q1", startsAt: new Date("2026-01-01Z"), endsAt: new Date("2026-04-01Z") } });
    const ann = await influencer(db, { name: "Ann", leaderboardOptIn: true });
    const bob = await influencer(db, { name: "Bob", leaderboardOptIn: true });
    const cyd = await influencer(db, { name: "Cyd" });
    await influencer(db, { name: "Eve", leaderboardOptIn: true });
    const entry = (influencerId: number, amount: number, kind: LedgerKind, key: string) => ({ influencerId, cycleId: cycle.id, amount, kind, idempotencyKey: key });
    for (const e of [
      entry(ann.id, 100, "mission", "a1"), entry(bob.id, 50, "mission", "b1"), entry(cyd.id, 80, "mission", "c1"), entry(cyd.id, 70, "mission", "c2"),
      entry(bob.id, 1000, "bonus", "b2"), // bonuses do not count for the ranking (as in the cycle close)
    ]) await appendEntry(db, e);

    const counts = await runLeaderboardBroadcast(deps, clock.now());
    expect(counts).toEqual({ cycle: "2026-Q1", ranked: 3, channels: 4, personal: 3, enqueued: 7 });
    const posts = await db.outboxMessage.findMany({ where: { purpose: "leaderboard.post" }, orderBy: { id: "asc" } });
    expect(posts.map((p) => `${p.platform}:${p.recipient}`)).toEqual(["telegram:-100", "telegram:-200", "discord:d1", "slack:C1"]);
    const board = renderPayload(posts[0]?.payload, "en");
    expect(board.ok && toPlainText(board.message)).toBe("Acme leaderboard, 2026-Q1\n\n• 1. Cyd: 150\n• 2. Ann: 100\n• 3. Bob: 50");
    const personal = async (chat: string) => {
      const row = await db.outboxMessage.findFirstOrThrow({ where: { recipient: chat } });
      const r = renderPayload(row.payload, "en");
      return r.ok ? toPlainText(r.message) : r.error;
    };
    expect(await personal("chat-Ann")).toBe("This week you are #2 of 3 with 100 points in 2026-Q1. Keep going!");
    expect(await personal("chat-Eve")).toContain("no points yet in 2026-Q1");
    expect(await db.outboxMessage.count({ where: { recipient: "chat-Cyd" } })).toBe(0);

    expect((await runLeaderboardBroadcast(deps, clock.now())).enqueued).toBe(0);
  });

  it("given no open cycle, then it says so and sends nothing", async () => {
    const deps = testDeps(database, { TELEGRAM_LEADERBOARD_CHATS: "-100" });
    expect(await runLeaderboardBroadcast(deps, deps.clock.now())).toMatchObject({ cycle: "none open", enqueued: 0 });
    expect(await database.db.outboxMessage.count()).toBe(0);
  });
});
