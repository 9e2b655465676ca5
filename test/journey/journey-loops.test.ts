// The journey's closed loops (issue 12): resubmitting after a rejection or "not found" (capped,
// the same link reopening its row), one award per mission, a pasted link as a submission (kept
// through the mission choice and a restart), /missions with real states, erasure withdrawing
// pending work, and every outcome told through the outbox.
import { describe, expect, it } from "vitest";
import { testProviders } from "../helpers/db.js";
import { engineOnTestDatabase } from "../helpers/engine.js";
import { createEngine } from "../../src/engine/engine.js";
import { DAY, MINUTE } from "../../src/clock.js";
import { approveSubmission, rejectSubmission, reviewQueue } from "../../src/services/review.js";
import { adjustPoints } from "../../src/services/points-admin.js";
import { closeMission } from "../../src/services/missions-admin.js";
import { missionFigures } from "../../src/services/stats.js";
import { setMaxSubmissionAttempts } from "../../src/services/submission-settings.js";
import { runVerifySubmissions } from "../../src/jobs/verify-submissions.js";
import { runRecheckLive } from "../../src/jobs/recheck-live.js";
import type { PostChecker } from "../../src/jobs/post-checker.js";
import { reviewCard } from "../../src/engine/manage/cards.js";
import { toPlainText } from "../../src/engine/message.js";
import { acceptMission } from "../../src/services/missions.js";
import { submitLink } from "../../src/services/submissions.js";
import { awardForSubmission } from "../../src/services/points.js";
import { currentCycle } from "../../src/services/ledger.js";
import { COMMANDS } from "../../src/cli/commands.js";
import { parseArgs } from "../../src/cli/args.js";
import { FakeUser } from "../engine/harness.js";
import { seedMember, seedMission } from "../engine/seed.js";

const MANAGER = "slack:UMANAGER";
const notFound: PostChecker = {
  verify: async () => ({ decision: "rejected", reasonId: "verify.reason.not_found", reason: "the post does not exist" }),
  isLive: async () => "unknown",
};
const unsure: PostChecker = { verify: async () => ({ decision: "needs_review", notes: "caption unreadable" }), isLive: async () => "removed" };

describe.each(testProviders())("journey loops on %s", (provider) => {
  const { deps, engine } = engineOnTestDatabase(provider, { MANAGERS: MANAGER, SLACK_MANAGER_CHANNEL: "CMGR", RECHECK_LIVE_DAYS: "7" });

  const notice = (influencerId: number, purpose: string) =>
    deps.db.outboxMessage.findMany({ where: { influencerId, purpose }, orderBy: { id: "asc" } });

  it("given a rejected link then a new one is accepted, the card shows attempt 2 and the earlier reason, approval pays once and is told with the balance", async () => {
    const inf = await seedMember(deps, "rita", [{ network: "tiktok", handle: "rita" }]);
    const m = await seedMission(deps, { title: "Retry", networks: ["tiktok"], points: 70 });
    const user = new FakeUser(engine, "rita");
    await user.action("mission.accept", String(m.id));
    await user.command("/submit https://www.tiktok.com/@rita/video/7000000000000000001");
    expect(user.lastText()).toContain("pending verification");
    const first = await deps.db.submission.findFirstOrThrow({ where: { influencerId: inf.id } });
    await deps.db.submission.update({ where: { id: first.id }, data: { status: "needs_review" } });
    expect(await rejectSubmission(deps, MANAGER, first.id, "No #ad in the caption")).toMatchObject({ ok: true });
    // The other managers see the decision in the channel.
    expect(await deps.db.outboxMessage.count({ where: { recipient: "CMGR", purpose: "manager.review_rejected" } })).toBe(1);

    await user.command("/missions");
    expect(user.last[0]?.buttons.map((b) => b.label)).toContainEqual(expect.stringMatching(/^↩ Retry · not accepted: send a new link by .*2026.*UTC$/));
    await user.action("mission.view", String(m.id));
    expect(user.lastText()).toContain("not accepted: No #ad in the caption");
    expect(user.lastText()).toContain("attempt 2 of 3");
    await user.press("submit.start");
    await user.say("https://www.tiktok.com/@rita/video/7000000000000000002");
    expect(user.lastText()).toContain("pending verification");
    const second = await deps.db.submission.findFirstOrThrow({ where: { influencerId: inf.id, id: { not: first.id } } });
    expect(second).toMatchObject({ attempt: 2, previousReason: "No #ad in the caption", participationId: first.participationId });

    await deps.db.submission.update({ where: { id: second.id }, data: { status: "needs_review" } });
    const queue = await reviewQueue(deps, MANAGER);
    const item = queue.ok ? queue.value.find((x) => x.id === second.id) : undefined;
    expect(item && toPlainText(reviewCard("en", item))).toContain("Attempt 2. Earlier reason: No #ad in the caption");

    expect(await approveSubmission(deps, MANAGER, second.id)).toEqual({ ok: true, value: { id: second.id, awarded: 70 } });
    const [told] = await notice(inf.id, "submission.approved");
    expect(told?.payload).toMatchObject({ messageId: "outcome.approved", params: { title: "Retry", points: 70, balance: 70 } });
    expect(await deps.db.ledgerEntry.findMany({ where: { influencerId: inf.id }, select: { idempotencyKey: true, amount: true } }))
      .toEqual([{ idempotencyKey: `participation:${first.participationId}`, amount: 70 }]);
    await user.command("/missions");
    expect(user.last[0]?.buttons.map((b) => b.label)).toContain("✅ Retry · approved");
  });

  it("given a post not found then the same link again reopens its row; the attempt cap then refuses politely", async () => {
    await setMaxSubmissionAttempts(deps.db, 2);
    const inf = await seedMember(deps, "nora", [{ network: "tiktok", handle: "nora" }]);
    const m = await seedMission(deps, { title: "Private post", networks: ["tiktok"] });
    const user = new FakeUser(engine, "nora");
    const url = "https://www.tiktok.com/@nora/video/7100000000000000001";
    await user.action("mission.accept", String(m.id));
    await user.say(url); // a bare link, outside any flow
    expect(user.lastText()).toContain("pending verification");
    await runVerifySubmissions(deps, deps.clock.now(), notFound);
    expect((await notice(inf.id, "submission.rejected")).map((r) => (r.payload as { messageId: string }).messageId)).toEqual(["jobs.verify.not_found"]);

    await user.command(`/submit ${url}`); // made public, sent again
    expect(user.lastText()).toContain("pending verification");
    const rows = await deps.db.submission.findMany({ where: { influencerId: inf.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "pending", attempt: 2, previousReason: "the post does not exist", rejectionReason: null });
    await runVerifySubmissions(deps, deps.clock.now(), notFound);
    // The second rejection of the same row is told too (its own key).
    expect(await notice(inf.id, "submission.rejected")).toHaveLength(2);

    expect(await submitLink(deps, inf.id, m.id, "https://www.tiktok.com/@nora/video/7100000000000000002"))
      .toMatchObject({ ok: false, error: "journey.submit.no_attempts_left", params: { max: 2 } });
    await user.action("mission.view", String(m.id));
    expect(user.lastText()).toContain("No more links can be sent for this mission.");
    expect(user.last[0]?.buttons).toEqual([]);
    // A pasted link (or /submit with one) now says the attempts are used up, in the person's language.
    await user.say("https://www.tiktok.com/@nora/video/7100000000000000002");
    expect(user.lastText()).toBe('You have used all 2 attempts for "Private post", so no more links can be sent for it. Type /missions to see other missions.');
    await deps.db.influencer.update({ where: { id: inf.id }, data: { locale: "it" } });
    await user.command("/submit https://www.tiktok.com/@nora/video/7100000000000000002");
    expect(user.lastText()).toContain('Hai usato tutti i 2 tentativi per "Private post"');
    const m2 = await seedMission(deps, { title: "Second private", networks: ["tiktok"] });
    await acceptMission(deps, inf.id, m2.id);
    await deps.db.participation.updateMany({ where: { influencerId: inf.id, missionId: m2.id }, data: { status: "rejected" } });
    const p2 = await deps.db.participation.findFirstOrThrow({ where: { influencerId: inf.id, missionId: m2.id } });
    await deps.db.submission.create({ data: { influencerId: inf.id, missionId: m2.id, participationId: p2.id, url: "https://www.tiktok.com/@nora/video/7100000000000000009", originalUrl: "https://www.tiktok.com/@nora/video/7100000000000000009", network: "tiktok", status: "rejected", attempt: 2 } });
    await user.say("https://www.tiktok.com/@nora/video/7100000000000000003");
    expect(user.lastText()).toContain("Hai usato tutti i 2 tentativi per ogni missione accettata");
    expect(await deps.db.submission.count({ where: { influencerId: inf.id } })).toBe(2);
    await setMaxSubmissionAttempts(deps.db, 3);
  });

  it("given the submissions settings command then only a manager changes the attempt cap, within 1..20", async () => {
    const cmd = COMMANDS["submissions settings"]!;
    expect(await cmd.run(deps, parseArgs(["--max-attempts", "5"]), "telegram:999")).toMatchObject({ ok: false, error: "manage.refused" });
    expect(await cmd.run(deps, parseArgs(["--max-attempts", "0"]), MANAGER)).toMatchObject({ ok: false, error: "manage.cli.usage" });
    expect(await cmd.run(deps, parseArgs(["--max-attempts", "5"]), MANAGER)).toMatchObject({ ok: true, value: { data: { maxAttempts: 5 } } });
    expect(await cmd.run(deps, parseArgs([]), MANAGER)).toMatchObject({ ok: true, value: { text: "links per mission: at most 5" } });
    await setMaxSubmissionAttempts(deps.db, 3);
  });

  it("given an award paid under the old submission key then approving a resubmission of that mission pays nothing more", async () => {
    const inf = await seedMember(deps, "olga", [{ network: "tiktok", handle: "olga" }]);
    const m = await seedMission(deps, { title: "Legacy", networks: ["tiktok"], points: 30 });
    await acceptMission(deps, inf.id, m.id);
    const old = await submitLink(deps, inf.id, m.id, "https://www.tiktok.com/@olga/video/7200000000000000001");
    if (!old.ok) throw new Error(old.error);
    const cycle = await currentCycle(deps.db, deps.clock);
    await deps.db.ledgerEntry.create({ data: { influencerId: inf.id, cycleId: cycle.id, amount: 30, kind: "mission", idempotencyKey: `submission:${old.value.id}`, reference: `submission:${old.value.id}` } });
    expect((await awardForSubmission(deps, old.value.id)).awarded).toBe(false);
    expect(await deps.db.ledgerEntry.aggregate({ where: { influencerId: inf.id }, _sum: { amount: true } })).toMatchObject({ _sum: { amount: 30 } });
  });

  it("given two accepted missions and one pasted link then the choice carries the link through a restart; one mission submits at once; none gets a helpful answer", async () => {
    const inf = await seedMember(deps, "pia", [{ network: "tiktok", handle: "pia" }]);
    const a = await seedMission(deps, { title: "Alpha", networks: ["tiktok"] });
    const b = await seedMission(deps, { title: "Beta", networks: ["tiktok"] });
    const user = new FakeUser(engine, "pia");
    await user.say("https://www.tiktok.com/@pia/video/7300000000000000001");
    expect(user.lastText()).toContain("you have no accepted mission waiting for one");
    await user.action("mission.accept", String(a.id));
    await user.action("mission.accept", String(b.id));
    await user.say("here it is: https://www.tiktok.com/@pia/video/7300000000000000001 !");
    expect(user.lastText()).toContain("Which mission is this link for? I kept it");
    user.useEngine(createEngine(deps)); // a restarted process: the link lives in the conversation row
    await user.press("submit.start", String(b.id));
    expect(user.lastText()).toContain("pending verification");
    expect(await deps.db.submission.findFirstOrThrow({ where: { influencerId: inf.id } })).toMatchObject({ missionId: b.id, url: "https://www.tiktok.com/@pia/video/7300000000000000001" });
    await user.say("https://www.tiktok.com/@pia/video/7300000000000000002");
    expect(user.lastText()).toContain("pending verification");
    expect(await deps.db.submission.count({ where: { influencerId: inf.id, missionId: a.id } })).toBe(1);
    await user.command("/missions");
    // Other tests' missions share this database: read every page of the list (▶ until the end).
    const labels = user.last[0]?.buttons.map((b) => b.label) ?? [];
    while (user.last[0]?.buttons.some((b) => b.action === "missions.page" && b.label === "▶")) {
      await user.press("missions.page", user.last[0].buttons.find((b) => b.label === "▶")!.payload);
      labels.push(...(user.last[0]?.buttons.map((b) => b.label) ?? []));
    }
    expect(labels).toContain("⏳ Alpha · link sent, being checked");
    expect(labels).toContain("⏳ Beta · link sent, being checked");
  });

  it("given an erased influencer with pending and in-review posts then both are withdrawn, managers are told, nothing can pay them and stats leave them out", async () => {
    const inf = await seedMember(deps, "eve", [{ network: "tiktok", handle: "eve" }]);
    const m1 = await seedMission(deps, { title: "Gone 1", networks: ["tiktok"] });
    const m2 = await seedMission(deps, { title: "Gone 2", networks: ["tiktok"] });
    for (const [m, n] of [[m1, 1], [m2, 2]] as const) {
      await acceptMission(deps, inf.id, m.id);
      const r = await submitLink(deps, inf.id, m.id, `https://www.tiktok.com/@eve/video/740000000000000000${n}`);
      if (!r.ok) throw new Error(r.error);
    }
    const [inReview, pending] = await deps.db.submission.findMany({ where: { influencerId: inf.id }, orderBy: { id: "asc" } });
    await runVerifySubmissions(deps, deps.clock.now(), { verify: async (s) => (s.id === inReview!.id ? { decision: "needs_review" } : { decision: "retry", reason: "timeout" }), isLive: async () => "unknown" });
    expect(await deps.db.outboxMessage.count({ where: { dedupeKey: `submission:${inReview!.id}:review` } })).toBe(1);
    const user = new FakeUser(engine, "eve");
    await user.command("/deleteme");
    await user.press("privacy.delete");
    expect(await deps.db.influencer.findUniqueOrThrow({ where: { id: inf.id } })).toMatchObject({ status: "deleted" });
    expect((await deps.db.submission.findMany({ where: { influencerId: inf.id } })).map((s) => s.status)).toEqual(["withdrawn", "withdrawn"]);
    expect((await deps.db.participation.findMany({ where: { influencerId: inf.id } })).map((p) => p.status)).toEqual(["withdrawn", "withdrawn"]);
    expect(await deps.db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: `submission:${inReview!.id}:withdrawn:managers` } })).toMatchObject({ recipient: "CMGR", payload: { kind: "thread", parent: `mission:${inReview!.missionId}:managers`, content: { messageId: "outcome.managers.withdrawn" } } });
    expect(await approveSubmission(deps, MANAGER, inReview!.id)).toMatchObject({ ok: false, error: "manage.review.erased" });
    expect(await approveSubmission(deps, MANAGER, pending!.id)).toMatchObject({ ok: false, error: "manage.review.erased" });
    expect((await awardForSubmission(deps, pending!.id)).awarded).toBe(false);
    expect(await adjustPoints(deps, MANAGER, { influencerId: inf.id, points: 10, reason: "thanks" })).toMatchObject({ ok: false, error: "manage.points.erased" });
    expect(await deps.db.ledgerEntry.count({ where: { influencerId: inf.id } })).toBe(0);
    const figures = await missionFigures(deps, MANAGER, { missionIds: [m1.id, m2.id] });
    expect(figures.ok && figures.value.map((f) => [f.accepted, f.submitted])).toEqual([[0, 0], [0, 0]]);
  });

  it("given a Submit button from an old message when no link is welcome then it says why at once and opens no flow", async () => {
    await seedMember(deps, "otto", [{ network: "tiktok", handle: "otto" }]);
    const m = await seedMission(deps, { title: "Old button", networks: ["tiktok"] });
    const user = new FakeUser(engine, "otto");
    await user.action("submit.start", String(m.id)); // never accepted
    expect(user.lastText()).toBe('Accept the mission "Old button" before sending a link.');
    await user.action("mission.accept", String(m.id));
    await user.say("https://www.tiktok.com/@otto/video/7500000000000000001");
    await user.action("submit.start", String(m.id)); // the card's button, after the link was sent
    expect(user.lastText()).toBe('You have already sent a link for "Old button".');
    expect(await deps.db.conversation.findUnique({ where: { key: "console:otto" } })).toMatchObject({ flow: null });
    await user.command("/cancel");
    expect(user.lastText()).toBe("There is nothing to cancel.");
  });

  it("given a manual adjustment, a closed mission and a removed post then each person is told in their language, once", async () => {
    const inf = await seedMember(deps, "ugo", [{ network: "tiktok", handle: "ugo" }]);
    await deps.db.influencer.update({ where: { id: inf.id }, data: { locale: "it" } });
    const adj = await adjustPoints(deps, MANAGER, { influencerId: inf.id, points: -5, reason: "duplicate bonus", requestId: "r-1" });
    await adjustPoints(deps, MANAGER, { influencerId: inf.id, points: -5, reason: "duplicate bonus", requestId: "r-1" }); // a retry
    expect(adj).toMatchObject({ ok: true, value: { balance: -5 } });
    const adjusted = await notice(inf.id, "points.adjusted");
    expect(adjusted.map((r) => r.payload)).toEqual([{ kind: "i18n", messageId: "outcome.points_adjusted", params: { amount: "-5", reason: "duplicate bonus", balance: -5 } }]);

    const closing = await seedMission(deps, { title: "Closing", networks: ["tiktok"] });
    await acceptMission(deps, inf.id, closing.id);
    expect(await closeMission(deps, MANAGER, closing.id)).toMatchObject({ ok: true });
    expect((await notice(inf.id, "mission.closed")).map((r) => r.payload)).toEqual([{ kind: "i18n", messageId: "outcome.mission_closed", params: { title: "Closing" } }]);

    await deps.db.programSetting.create({ data: { key: "recheck-live", value: { onRemoved: "reverse" } } });
    const live = await seedMission(deps, { title: "Live", networks: ["tiktok"], points: 40 });
    await acceptMission(deps, inf.id, live.id);
    const s = await submitLink(deps, inf.id, live.id, "https://www.tiktok.com/@ugo/video/7500000000000000001");
    if (!s.ok) throw new Error(s.error);
    await runVerifySubmissions(deps, deps.clock.now(), { verify: async () => ({ decision: "verified" }), isLive: async () => "removed" });
    deps.clock.advance(7 * DAY + MINUTE);
    await runRecheckLive(deps, deps.clock.now(), unsure);
    await runRecheckLive(deps, deps.clock.now(), unsure);
    const removed = await notice(inf.id, "submission.removed");
    expect(removed.map((r) => r.payload)).toEqual([{ kind: "i18n", messageId: "outcome.post_removed_reversed", params: { title: "Live", url: s.value.url, amount: -40, reason: "post removed", balance: -5 } }]);
    deps.clock.advance(-(7 * DAY + MINUTE));
    await deps.db.programSetting.delete({ where: { key: "recheck-live" } });
  });
});
