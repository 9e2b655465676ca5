// The journey's closed loops on Discord (issue 12, "prove it"): the real engine, database and
// outbox dispatcher, the real discord.js Client against the fake Discord. Reject → a pasted new
// link → approve → told with the balance; two accepted missions and one pasted link (asked which,
// the link kept); erasure with a pending post; /accounts adds a network, then its mission is offered.
import { describe, expect, it } from "vitest";
import { FakeClock } from "../../../src/clock.js";
import { createEngine } from "../../../src/engine/engine.js";
import { approveSubmission, rejectSubmission } from "../../../src/services/review.js";
import { runVerifySubmissions } from "../../../src/jobs/verify-submissions.js";
import { awardForSubmission } from "../../../src/services/points.js";
import { testProviders } from "../../helpers/db.js";
import { testDeps } from "../../helpers/deps.js";
import { drainAll, testDispatcher } from "../../delivery/helpers.js";
import { seedMission } from "../../engine/seed.js";
import { discordHarnessPerTest, type Harness } from "./harness.js";
import { contents, dmDriver } from "./dm-driver.js";

const MANAGER = "slack:UMANAGER";
const dana = { id: "3600000000000000001", username: "dana", globalName: "Dana", locale: "en-US" };

describe.each(testProviders())("discord journey loops on %s", (provider) => {
  const discord = discordHarnessPerTest(provider);
  const database = discord.database;
  let h: Harness | undefined;

  /** An active member on Discord (their DM known) with these handles, the engine and the fake running. */
  async function start(handles: { network: string; handle: string }[]) {
    // Outbox rows are stamped with the database's wall-clock time: a fake clock starting now keeps
    // the drain's jump to them short (missions seeded on this clock stay open).
    const deps = testDeps(database(), { MANAGERS: MANAGER }, new FakeClock(new Date()));
    const engine = createEngine(deps);
    h = await discord.start((e) => engine.handle(e));
    const you = dmDriver(h, dana);
    const inf = await deps.db.influencer.create({
      data: {
        status: "active", displayName: "Dana", locale: "en", consentAt: deps.clock.now(), activatedAt: deps.clock.now(),
        accounts: { create: { platform: "discord", externalId: dana.id, chatId: you.dm } },
        handles: { create: handles },
      },
    });
    // Notices go out through the outbox; the virtual timer paces them on the fake clock.
    const deliver = () => drainAll(database(), deps.clock, testDispatcher(database(), deps.clock, [h!.adapter]));
    return { deps, you, inf, deliver };
  }

  it("given a rejected post then a pasted new link is taken as attempt 2, approved, and the approval is told with the balance", async () => {
    const { deps, you, inf, deliver } = await start([{ network: "instagram", handle: "dana.posts" }]);
    const m = await seedMission(deps, { title: "Autumn", networks: ["instagram"], points: 80 });
    await you.command("missions");
    await you.press(`mission.view:${m.id}`);
    await you.press(`mission.accept:${m.id}`);
    let out = await you.type("https://www.instagram.com/p/DanaFirst1/");
    expect(contents(out)).toContain("pending verification");
    const first = await deps.db.submission.findFirstOrThrow({ where: { influencerId: inf.id } });
    await deps.db.submission.update({ where: { id: first.id }, data: { status: "needs_review" } });
    expect(await rejectSubmission(deps, MANAGER, first.id, "No #ad in the caption")).toMatchObject({ ok: true });
    await deliver();
    expect(you.received()).toContain("No #ad in the caption");

    out = await you.type("https://www.instagram.com/p/DanaSecond2/");
    expect(contents(out)).toContain("pending verification");
    const second = await deps.db.submission.findFirstOrThrow({ where: { influencerId: inf.id, id: { not: first.id } } });
    expect(second).toMatchObject({ attempt: 2, previousReason: "No #ad in the caption", status: "pending" });
    expect(await approveSubmission(deps, MANAGER, second.id)).toEqual({ ok: true, value: { id: second.id, awarded: 80 } });
    expect(await approveSubmission(deps, MANAGER, first.id)).toMatchObject({ ok: false }); // the mission pays once
    await deliver();
    expect(you.received()).toContain("Your post for **Autumn** was approved. Points: +80. Your balance: 80 points.");
    expect(await deps.db.ledgerEntry.aggregate({ where: { influencerId: inf.id }, _sum: { amount: true } })).toMatchObject({ _sum: { amount: 80 } });
  });

  it("given two accepted missions then one pasted link asks which, keeps the link and submits it to the mission chosen", async () => {
    const { deps, you, inf } = await start([{ network: "tiktok", handle: "dana" }]);
    const a = await seedMission(deps, { title: "Alpha", networks: ["tiktok"] });
    const b = await seedMission(deps, { title: "Beta", networks: ["tiktok"] });
    for (const m of [a, b]) await you.click({ id: `mission.accept:${m.id}` });
    expect(await deps.db.participation.count({ where: { influencerId: inf.id, status: "accepted" } })).toBe(2);
    const link = "https://www.tiktok.com/@dana/video/7620000000000000001";
    const out = await you.type(link);
    expect(contents(out)).toContain("Which mission is this link for? I kept it");
    expect(await deps.db.submission.count({ where: { influencerId: inf.id } })).toBe(0);
    const done = await you.press(`submit.start:${b.id}`);
    expect(contents(done)).toContain("pending verification");
    expect(await deps.db.submission.findFirstOrThrow({ where: { influencerId: inf.id } })).toMatchObject({ missionId: b.id, url: link, status: "pending" });
  });

  it("given a pending post then erasing from the DM withdraws it, nothing can pay it and no later notice reaches the person", async () => {
    const { deps, you, inf, deliver } = await start([{ network: "tiktok", handle: "dana" }]);
    const m = await seedMission(deps, { title: "Erase me", networks: ["tiktok"] });
    await you.click({ id: `mission.accept:${m.id}` });
    await you.type("https://www.tiktok.com/@dana/video/7630000000000000001");
    const s = await deps.db.submission.findFirstOrThrow({ where: { influencerId: inf.id } });
    // The verifier has just queued "a person will look at it" for Dana; it is not yet delivered.
    await runVerifySubmissions(deps, deps.clock.now(), { verify: async () => ({ decision: "needs_review" }), isLive: async () => "unknown" });
    expect(await deps.db.outboxMessage.count({ where: { influencerId: inf.id, status: "queued" } })).toBe(1);
    await you.command("deleteme");
    const out = await you.press("privacy.delete");
    expect(contents(out)).toContain("Your personal data has been erased");
    expect(await deps.db.submission.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({ status: "withdrawn", url: `erased:${s.id}` });
    expect(await deps.db.participation.findFirstOrThrow({ where: { influencerId: inf.id } })).toMatchObject({ status: "withdrawn" });
    expect(await approveSubmission(deps, MANAGER, s.id)).toMatchObject({ ok: false, error: "manage.review.erased" });
    expect((await awardForSubmission(deps, s.id)).awarded).toBe(false);
    const before = h!.fake.calls.length;
    expect(await deliver()).toMatchObject({ sent: 0 });
    expect(await runVerifySubmissions(deps, deps.clock.now(), { verify: async () => ({ decision: "verified" }), isLive: async () => "live" })).toMatchObject({ checked: 0 });
    expect(h!.fake.calls.length).toBe(before);
    // Writing again: a stranger now, told how to join — the old profile is not revived.
    expect(contents(await you.type("/missions"))).not.toContain("Erase me");
  });

  it("given /accounts adds YouTube then the YouTube-only mission is offered and can be accepted", async () => {
    const { deps, you, inf } = await start([{ network: "instagram", handle: "dana.posts" }]);
    const yt = await seedMission(deps, { title: "YouTube review", networks: ["youtube"] });
    expect(contents(await you.command("missions"))).not.toContain("YouTube review");
    let out = await you.command("accounts");
    expect(contents(out)).toContain("Instagram @dana.posts");
    await you.press("acc.add:youtube");
    out = await you.type("https://www.youtube.com/@DanaReviews");
    expect(contents(out)).toContain("YouTube @danareviews");
    await you.press("acc.done");
    expect(JSON.stringify((await you.command("missions")).map((p) => p.ids))).toContain(`mission.view:${yt.id}`);
    await you.press(`mission.view:${yt.id}`);
    await you.press(`mission.accept:${yt.id}`);
    expect(await deps.db.participation.findFirstOrThrow({ where: { influencerId: inf.id, missionId: yt.id } })).toMatchObject({ status: "accepted" });
  });
});
