import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeClock, HOUR, DAY } from "../../src/clock.js";
import { runReminders } from "../../src/jobs/reminders.js";
import { renderPayload } from "../../src/delivery/render.js";
import { toPlainText } from "../../src/engine/message.js";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";
import { testDeps } from "../helpers/deps.js";
import { influencer, mission, outboxFor, participation } from "./seed.js";

describe.each(testProviders())("reminders job on %s", (provider) => {
  let database: TestDatabase;
  beforeEach(async () => (database = await createTestDatabase(provider)));
  afterEach(async () => database.destroy());

  it("given accepted missions near their deadline and unfinished onboardings, then each reminder is enqueued once, outside quiet hours", async () => {
    const clock = new FakeClock("2026-03-02T10:00:00Z");
    const deps = testDeps(database, { QUIET_HOURS: "22-8" }, clock);
    const now = clock.now().getTime();
    const { db } = database;
    const soon = await mission(db, { title: "Spring", deadline: new Date(now + 40 * HOUR) });
    const urgent = await mission(db, { title: "Flash", deadline: new Date(now + 5 * HOUR) });
    const later = await mission(db, { title: "Later", deadline: new Date(now + 5 * DAY) });
    const ann = await influencer(db, { name: "ann" });
    const tokyo = await influencer(db, { name: "tokyo", timezone: "Asia/Tokyo" }); // 19:00 there
    const la = await influencer(db, { name: "la", timezone: "America/Los_Angeles" }); // 02:00 there: quiet
    const done = await influencer(db, { name: "done" });
    const eve = await influencer(db, { name: "eve" });
    for (const i of [ann, tokyo, la, done]) await participation(db, soon.id, i.id);
    await participation(db, urgent.id, eve.id);
    await participation(db, later.id, ann.id);
    const p = await db.participation.findFirstOrThrow({ where: { influencerId: done.id } });
    await db.submission.create({ data: { participationId: p.id, missionId: soon.id, influencerId: done.id, url: "https://x.com/done/status/1", originalUrl: "https://x.com/done/status/1", network: "x" } });
    await influencer(db, { name: "fresh", status: "onboarding", onboardingStartedAt: new Date(now - 10 * HOUR) });
    await influencer(db, { name: "day1", status: "onboarding", onboardingStartedAt: new Date(now - 30 * HOUR) });
    await influencer(db, { name: "day3", status: "onboarding", onboardingStartedAt: new Date(now - 80 * HOUR) });
    await influencer(db, { name: "gone", status: "onboarding", onboardingStartedAt: new Date(now - 10 * DAY) });

    const first = await runReminders(deps, clock.now());
    expect(first).toMatchObject({ deadline48: 2, deadline6: 1, onboarding24: 1, onboarding72: 1, quiet: 1, enqueued: 5 });
    const [annRow] = await outboxFor(db, "chat-ann");
    expect(annRow).toMatchObject({ purpose: "reminder.deadline", influencerId: ann.id, dedupeKey: expect.stringMatching(/^reminder:deadline48:participation:\d+$/) });
    // the deadline travels as a date and is shown at send time in the recipient's locale and zone
    expect(annRow?.payload).toMatchObject({ messageId: "jobs.reminder.deadline48", params: { title: "Spring", deadline: { $date: "2026-03-04T02:00:00.000Z" } } });
    const tokyoCard = renderPayload((await outboxFor(db, "chat-tokyo"))[0]?.payload, { locale: "en", timeZone: "Asia/Tokyo" });
    expect(tokyoCard.ok && toPlainText(tokyoCard.message)).toContain("Mar 4, 2026, 11:00 AM GMT+9");
    expect((await outboxFor(db, "chat-eve"))[0]?.payload).toMatchObject({ messageId: "jobs.reminder.deadline6" });
    expect((await outboxFor(db, "chat-day3"))[0]?.payload).toMatchObject({ messageId: "jobs.reminder.onboarding72" });
    expect(await outboxFor(db, "chat-done")).toHaveLength(0);
    expect(await outboxFor(db, "chat-la")).toHaveLength(0);

    // The same slot again: nothing new.
    expect((await runReminders(deps, clock.now())).enqueued).toBe(0);
    // 08:00 in Los Angeles: the quiet hours are over and their reminder goes out.
    clock.set("2026-03-02T16:00:00Z");
    const morning = await runReminders(deps, clock.now());
    expect(morning.quiet).toBe(1); // now it is 01:00 in Tokyo (reminded already anyway)
    expect(morning.enqueued).toBe(1);
    expect(await outboxFor(db, "chat-la")).toHaveLength(1);
  });

  it("given a 48 h reminder already sent, then the 6 h one still comes, once", async () => {
    const clock = new FakeClock("2026-03-02T10:00:00Z");
    const deps = testDeps(database, { QUIET_HOURS: "0-0" }, clock);
    const m = await mission(database.db, { title: "Spring", deadline: new Date(clock.now().getTime() + 47 * HOUR) });
    const ann = await influencer(database.db, { name: "ann" });
    await participation(database.db, m.id, ann.id);
    expect((await runReminders(deps, clock.now())).enqueued).toBe(1);
    clock.advance(42 * HOUR);
    expect((await runReminders(deps, clock.now())).enqueued).toBe(1);
    expect((await runReminders(deps, clock.now())).enqueued).toBe(0);
    const rows = await outboxFor(database.db, "chat-ann");
    expect(rows.map((r) => (r.payload as { messageId: string }).messageId)).toEqual(["jobs.reminder.deadline48", "jobs.reminder.deadline6"]);
  });
});
