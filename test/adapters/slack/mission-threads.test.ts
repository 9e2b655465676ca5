// One thread per mission in the managers' channel (issue 15): publishing posts the mission once;
// its review cards are replies in that thread; a decision taken anywhere (here: from the service,
// as App Home or the CLI would) replaces the card in place for everyone, naming the manager as a
// mention. Real Bolt app, real dispatcher (virtual timer), the Slack fake refusing what Slack does.
import { describe, expect, it } from "vitest";
import { slackAdapterFor } from "../../../adapters/slack/index.js";
import { acceptMission } from "../../../src/services/missions.js";
import { closeMission, createMissionDraft, editMission, publishMission } from "../../../src/services/missions-admin.js";
import { missionFormValues } from "../../../src/domain/mission-form.js";
import { runVerifySubmissions } from "../../../src/jobs/verify-submissions.js";
import { approveSubmission, rejectSubmission } from "../../../src/services/review.js";
import { enqueue } from "../../../src/services/outbox.js";
import { missionThreadKey } from "../../../src/services/mission-threads.js";
import { testProviders } from "../../helpers/db.js";
import { appDispatcher, drainAll } from "../../delivery/helpers.js";
import { dmEvent } from "./slack-requests.js";
import { callText as text, slackAppPerSuite } from "./slack-app.js";

const unsure = { verify: async () => ({ decision: "needs_review" as const, notes: "caption unreadable" }), isLive: async () => "unknown" as const };

describe.each(testProviders())("mission threads in the managers' channel, on %s", (provider) => {
  const harness = slackAppPerSuite(provider, { env: () => ({ SLACK_MANAGER_CHANNEL: "CMANAGERS" }), prepare: (slack) => (slack.members = ["UMANAGER1", "UMANAGER2", "UBOT"]) });
  const drain = () => drainAll(harness.app.database, harness.clock, appDispatcher(harness.app, harness.clock, [slackAdapterFor(harness.app)!]));

  async function publishedMission(title: string) {
    const { app, clock } = harness;
    const draft = await createMissionDraft(app.deps, "slack:UMANAGER1", {
      title, brief: "Show it in one post.", hashtags: "#ad", networks: ["tiktok"], points: "100", deadline: new Date(clock.now().getTime() + 7 * 86_400_000).toISOString(),
    });
    if (!draft.ok) throw new Error(JSON.stringify(draft));
    expect(await publishMission(app.deps, "slack:UMANAGER1", draft.value.id)).toMatchObject({ ok: true });
    return draft.value;
  }

  async function inReview(missionId: number, user: string, n: number) {
    const { app, slack, clock } = harness;
    const db = app.database.db;
    const inf = await db.influencer.create({
      data: {
        status: "active", displayName: `Tess${n}`, locale: "en", consentAt: clock.now(), activatedAt: clock.now(),
        accounts: { create: { platform: "slack", externalId: user, chatId: `D${user}` } },
        handles: { create: [{ network: "tiktok", handle: `tess${n}` }] },
      },
    });
    expect(await acceptMission(app.deps, inf.id, missionId)).toMatchObject({ ok: true });
    await harness.event(dmEvent(`<https://www.tiktok.com/@tess${n}/video/762000000000000000${n}>`, { user, channel: `D${user}` }));
    await slack.waitFor("chat.postMessage", (c) => c.args.channel === `D${user}` && text(c).includes("pending verification"));
    await runVerifySubmissions(app.deps, clock.now(), unsure);
    return db.submission.findFirstOrThrow({ where: { influencerId: inf.id } });
  }

  it("given a published mission then it is posted once in the channel, its review cards are replies in its thread, and a decision from elsewhere replaces the card with the manager's mention", async () => {
    const { app, slack } = harness;
    const db = app.database.db;
    harness.clock.set(new Date(Date.now() + 1000)); // rows enqueued at the database's wall-clock "now" are due
    const mission = await publishedMission("Thread one");
    await drain();
    const parent = await db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: missionThreadKey(mission.id) } });
    expect(parent).toMatchObject({ status: "sent", recipient: "CMANAGERS" });
    const parentTs = parent.platformMessageId!;
    expect(JSON.stringify(slack.messages.get(`CMANAGERS:${parentTs}`))).toContain(`Mission #${mission.id} is live`);
    expect(JSON.stringify(slack.messages.get(`CMANAGERS:${parentTs}`))).not.toContain("mission.accept"); // the influencers' buttons stay theirs

    const first = await inReview(mission.id, "UTESS1", 1);
    const second = await inReview(mission.id, "UTESS2", 2);
    await drain();
    const replies = slack.threadReplies("CMANAGERS", parentTs);
    expect(replies).toHaveLength(2);
    expect(JSON.stringify(replies)).toContain("review.approve");
    const cardTs = (await db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: `submission:${first.id}:review` } })).platformMessageId!;
    expect(slack.messages.get(`CMANAGERS:${cardTs}`)).toMatchObject({ thread_ts: parentTs });
    const topLevel = () => [...slack.messages.entries()].filter(([k, m]) => k.startsWith("CMANAGERS:") && m.thread_ts === undefined).length;
    const before = topLevel();

    // Decided outside the channel (App Home, CLI): the card itself changes for everyone.
    expect(await approveSubmission(app.deps, "slack:UMANAGER2", first.id)).toMatchObject({ ok: true });
    expect(await rejectSubmission(app.deps, "slack:UMANAGER1", second.id, "No #ad")).toMatchObject({ ok: true });
    expect(await drain()).toMatchObject({ failed: 0 });
    const [update] = await slack.waitFor("chat.update", (c) => c.args.ts === cardTs);
    expect(update!.args.channel).toBe("CMANAGERS");
    expect(text(update)).toContain(`Submission #${first.id} (Thread one, Tess1 (@tess1)) approved by <@UMANAGER2>`);
    expect(text(update)).not.toContain("review.approve"); // its buttons no longer apply
    expect(text(update)).not.toContain("slack:UMANAGER2");
    const secondTs = (await db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: `submission:${second.id}:review` } })).platformMessageId!;
    expect(JSON.stringify(slack.messages.get(`CMANAGERS:${secondTs}`))).toContain("rejected by <@UMANAGER1>: No #ad");
    expect(topLevel()).toBe(before); // nothing new at the top of the channel
    expect(slack.threadReplies("CMANAGERS", parentTs)).toHaveLength(2);
  });

  it("given a reply queued while the mission's message is still on its way then it waits for it; a parent Slack no longer has, or a mission without one, still reaches the channel", async () => {
    const { app, slack } = harness;
    const db = app.database.db;
    const mission = await publishedMission("Thread two");
    const key = missionThreadKey(mission.id);
    // As if the parent were being sent by another instance when the reply is queued.
    await db.outboxMessage.update({ where: { dedupeKey: key }, data: { status: "sending", claimedUntil: new Date(harness.clock.now().getTime() + 60_000) } });
    const reply = (dedupeKey: string, parent: string) => enqueue(db, [{
      platform: "slack", recipient: "CMANAGERS", purpose: "test.thread", dedupeKey,
      payload: { kind: "thread", parent, content: { kind: "i18n", messageId: "slack.thread.published", params: { id: 999 } } }, notBefore: harness.clock.now(),
    }]);
    await reply("thread-reply-waits", key);
    const dispatcher = appDispatcher(app, harness.clock, [slackAdapterFor(app)!]);
    expect(await dispatcher.drain()).toMatchObject({ retried: 1 });
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: "thread-reply-waits" } })).toMatchObject({ status: "queued", attempts: 1 });
    await db.outboxMessage.update({ where: { dedupeKey: key }, data: { status: "queued", claimedUntil: null } });
    await drain();
    const parentTs = (await db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: key } })).platformMessageId!;
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: "thread-reply-waits" } })).toMatchObject({ status: "sent" });
    expect(slack.threadReplies("CMANAGERS", parentTs)).toHaveLength(1);

    // Slack refuses a thread_ts naming no message (deleted meanwhile): the reply is posted plainly.
    slack.messages.delete(`CMANAGERS:${parentTs}`);
    await reply("thread-reply-parent-deleted", key);
    await drain();
    const row = await db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: "thread-reply-parent-deleted" } });
    expect(row.status).toBe("sent");
    expect(slack.calls.some((c) => c.method === "chat.postMessage" && c.args.thread_ts === parentTs && slack.messages.get(`CMANAGERS:${row.platformMessageId}`) === undefined)).toBe(false);
    expect(slack.messages.get(`CMANAGERS:${row.platformMessageId}`)?.thread_ts).toBeUndefined();

    // A mission published before threads existed has no parent row: plain message, nothing lost.
    await reply("thread-reply-no-parent", missionThreadKey(424242));
    await drain();
    const plain = await db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: "thread-reply-no-parent" } });
    expect(plain.status).toBe("sent");
    expect(slack.messages.get(`CMANAGERS:${plain.platformMessageId}`)?.thread_ts).toBeUndefined();
  });

  it("given the mission is edited then closed then its message in the channel shows it as it now is, and a closed one keeps only Duplicate", async () => {
    const { app, slack, clock } = harness;
    const db = app.database.db;
    const mission = await publishedMission("Thread three");
    await drain();
    const ts = (await db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: missionThreadKey(mission.id) } })).platformMessageId!;
    const edited = await editMission(app.deps, "slack:UMANAGER2", mission.id, { ...missionFormValues(mission), points: "450" });
    expect(edited).toMatchObject({ ok: true });
    await drain();
    const afterEdit = JSON.stringify(slack.messages.get(`CMANAGERS:${ts}`));
    expect(afterEdit).toContain("450 points");
    expect(afterEdit).toContain("mission.close~");

    clock.set(new Date(clock.now().getTime() + 1000));
    expect(await closeMission(app.deps, "slack:UMANAGER1", mission.id)).toMatchObject({ ok: true });
    await drain();
    const afterClose = JSON.stringify(slack.messages.get(`CMANAGERS:${ts}`));
    expect(afterClose).toContain(`Mission #${mission.id} is closed`);
    expect(afterClose).not.toContain("mission.close~");
    expect(afterClose).not.toContain("mission.edit~");
    expect(afterClose).toContain("mission.duplicate~");
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: `${missionThreadKey(mission.id)}:closed` } })).toMatchObject({ status: "sent" });
  });
});
