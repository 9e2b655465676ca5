import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeClock } from "../../src/clock.js";
import { broadcastProgress } from "../../src/delivery/progress.js";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";
import { RateLimitedPlatform } from "../fakes/rate-limited-platform.js";
import { enqueueFor, seedInfluencers } from "./seed.js";
import { drainAll, testDispatcher } from "./helpers.js";

const reminder = { kind: "i18n" as const, messageId: "jobs.reminder.deadline48", params: { title: "Summer", deadline: "2026-07-01" } };

describe.each(testProviders())("outbox dispatcher on %s", (provider) => {
  let database: TestDatabase;
  let clock: FakeClock;
  beforeEach(async () => {
    database = await createTestDatabase(provider);
    clock = new FakeClock("2026-03-02T10:00:00Z");
  });
  afterEach(async () => database.destroy());

  it("given i18n rows, then each is rendered at send time in the recipient's locale and recorded as sent", async () => {
    const [es] = await seedInfluencers(database.db, 1, "es", { locale: "es" });
    const [fr] = await seedInfluencers(database.db, 1, "fr", { platformLocale: "fr-CA" });
    const [en] = await seedInfluencers(database.db, 1, "en");
    await enqueueFor(database.db, [es!, fr!, en!], "reminder.deadline", reminder);
    // The locale changed after enqueueing: the send uses the new one.
    await database.db.influencer.update({ where: { id: es!.id }, data: { locale: "it" } });
    const platform = new RateLimitedPlatform("telegram", clock);
    const counts = await drainAll(database, clock, testDispatcher(database, clock, [platform]));
    expect(counts.sent).toBe(3);
    expect(platform.to("es1")[0]?.text).toContain("Promemoria: la missione Summer");
    expect(platform.to("fr1")[0]?.text).toContain("Rappel : la mission Summer");
    expect(platform.to("en1")[0]?.text).toContain("Reminder: the mission Summer");
    const rows = await database.db.outboxMessage.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => r.status)).toEqual(["sent", "sent", "sent"]);
    expect(rows.every((r) => r.sentAt !== null && r.platformMessageId !== null)).toBe(true);
  });

  it("given Telegram limits of 25/s and 1/s per chat, then a platform enforcing 30/s and 1/s per chat never answers retry", async () => {
    const people = await seedInfluencers(database.db, 80);
    await enqueueFor(database.db, people, "mission.announce", reminder, "telegram", "b1");
    // Three more messages to the same chat must be spaced a second apart.
    await enqueueFor(database.db, people.slice(0, 1), "drip.day1", { kind: "i18n", messageId: "jobs.drip.day1", params: { brand: "Acme" } }, "telegram", "b2");
    await enqueueFor(database.db, people.slice(0, 1), "drip.day3", { kind: "i18n", messageId: "jobs.drip.day3", params: { disclosure: "#ad" } }, "telegram", "b3");
    const platform = new RateLimitedPlatform("telegram", clock, { perSecond: 30, perChatPerSecond: 1 });
    const counts = await drainAll(database, clock, testDispatcher(database, clock, [platform], { batchSize: 25 }));
    expect(counts.sent).toBe(82);
    expect(platform.retryAnswers).toBe(0);
    expect(platform.maxInAnySecond()).toBeLessThanOrEqual(25);
    expect(platform.maxInAnySecond("chat1")).toBe(1);
    expect(platform.to("chat1")).toHaveLength(3);
  });

  it("given a platform stricter than configured, then retry answers pause the platform and every message still arrives once", async () => {
    const people = await seedInfluencers(database.db, 40, "c", { platform: "discord" });
    await enqueueFor(database.db, people, "mission.announce", reminder, "discord", "strict");
    const platform = new RateLimitedPlatform("discord", clock, { perSecond: 8, retryAfterSeconds: 2 });
    const counts = await drainAll(database, clock, testDispatcher(database, clock, [platform]));
    expect(platform.retryAnswers).toBeGreaterThan(0);
    expect(platform.violations).toBe(0);
    expect(counts.sent).toBe(40);
    expect(new Set(platform.delivered.map((d) => d.recipient)).size).toBe(40);
    expect(platform.delivered).toHaveLength(40);
    expect(await broadcastProgress(database.db, "strict")).toMatchObject({ sent: 40, queued: 0, failed: 0, total: 40 });
  });

  it("given a recipient who blocked the bot, then it is marked unreachable and their other messages are cancelled", async () => {
    const people = await seedInfluencers(database.db, 3);
    await enqueueFor(database.db, people, "mission.announce", reminder, "telegram", "m1");
    await enqueueFor(database.db, people, "reminder.deadline", reminder, "telegram", "m2");
    const platform = new RateLimitedPlatform("telegram", clock, { blocked: ["chat2"] });
    const counts = await drainAll(database, clock, testDispatcher(database, clock, [platform]));
    expect(counts).toMatchObject({ sent: 4, unreachable: 1, cancelled: 1 });
    const account = await database.db.platformAccount.findFirstOrThrow({ where: { chatId: "chat2" } });
    expect(account.unreachableAt).not.toBeNull();
    // Later messages to them are skipped without calling the platform.
    await enqueueFor(database.db, people, "drip.day7", reminder, "telegram", "m3");
    const before = platform.delivered.length;
    const later = await drainAll(database, clock, testDispatcher(database, clock, [platform]));
    expect(later).toMatchObject({ sent: 2, unreachable: 1 });
    expect(platform.delivered.length - before).toBe(2);
    expect(await broadcastProgress(database.db, "m1")).toMatchObject({ sent: 2, unreachable: 1 });
  });

  it("given an influencer who paused messages, then program messages are cancelled but a submission verdict is sent", async () => {
    const [paused] = await seedInfluencers(database.db, 1, "p", { messagesPaused: true });
    await enqueueFor(database.db, [paused!], "reminder.deadline", reminder, "telegram", "r");
    await enqueueFor(database.db, [paused!], "submission.verified", { kind: "i18n", messageId: "jobs.verify.verified", params: { title: "Summer", points: 50 } }, "telegram", "v");
    const platform = new RateLimitedPlatform("telegram", clock);
    const counts = await drainAll(database, clock, testDispatcher(database, clock, [platform]));
    expect(counts).toMatchObject({ sent: 1, cancelled: 1 });
    expect(platform.delivered[0]?.text).toContain("+50");
  });

  it("given rate-limit answers carrying an error text, then they count no attempt and the message is still sent", async () => {
    const people = await seedInfluencers(database.db, 1);
    await enqueueFor(database.db, people, "mission.announce", reminder);
    let answers = 0;
    const sender = {
      platform: "telegram" as const,
      async send() {
        answers++;
        return answers <= 6 ? { status: "retry" as const, afterSeconds: 1, error: "rate_limited", rateLimited: true } : { status: "sent" as const, messageId: "m" };
      },
    };
    const counts = await drainAll(database, clock, testDispatcher(database, clock, [sender], {}, { DELIVERY_MAX_ATTEMPTS: "3" }));
    expect(counts).toMatchObject({ sent: 1, failed: 0 });
    const row = await database.db.outboxMessage.findFirstOrThrow();
    expect(row).toMatchObject({ status: "sent", attempts: 0 });
  });

  it("given transient failures, then the row is retried with growing backoff and fails after the maximum attempts", async () => {
    const people = await seedInfluencers(database.db, 2);
    await enqueueFor(database.db, people, "mission.announce", reminder);
    const platform = new RateLimitedPlatform("telegram", clock, { flaky: { chat1: 2, chat2: Infinity } });
    const start = clock.now().getTime();
    const counts = await drainAll(database, clock, testDispatcher(database, clock, [platform], {}, { DELIVERY_MAX_ATTEMPTS: "4" }));
    expect(counts).toMatchObject({ sent: 1, failed: 1 });
    const [ok, bad] = await database.db.outboxMessage.findMany({ orderBy: { id: "asc" } });
    expect(ok).toMatchObject({ status: "sent", attempts: 2 });
    expect(bad).toMatchObject({ status: "failed", attempts: 4 });
    expect(bad?.lastError).toContain("502");
    // backoff 5 s + 10 s + 20 s before the last attempt
    expect(clock.now().getTime() - start).toBeGreaterThanOrEqual(35_000);
  });

  it("given a row claimed by a crashed instance, then it is claimable only once the lease has expired", async () => {
    const people = await seedInfluencers(database.db, 1);
    await enqueueFor(database.db, people, "mission.announce", reminder);
    await database.db.outboxMessage.updateMany({ data: { status: "sending", claimedBy: "dead#1", claimedUntil: new Date(clock.now().getTime() + 30_000) } });
    const platform = new RateLimitedPlatform("telegram", clock);
    const dispatcher = testDispatcher(database, clock, [platform]);
    expect((await dispatcher.drain()).claimed).toBe(0);
    clock.advance(31_000);
    expect(await dispatcher.drain()).toMatchObject({ claimed: 1, sent: 1 });
  });

  it("given two dispatchers draining one outbox at once, then no message is sent twice", async () => {
    const people = await seedInfluencers(database.db, 150, "x", { platform: "console" });
    await enqueueFor(database.db, people, "mission.announce", reminder, "console", "two");
    clock.set(new Date(Date.now() + 60_000)); // rows are due (enqueued with the database's now)
    const platform = new RateLimitedPlatform("console", clock);
    const a = testDispatcher(database, clock, [platform], { batchSize: 10, instanceId: "a" });
    const b = testDispatcher(database, clock, [platform], { batchSize: 10, instanceId: "b" });
    const [ca, cb] = await Promise.all([a.drain(), b.drain()]);
    expect(ca.sent + cb.sent).toBe(150);
    expect(platform.delivered).toHaveLength(150);
    expect(new Set(platform.delivered.map((d) => d.recipient)).size).toBe(150);
  });
});
