// Erasure while a review card is up (issue 12, dead end 5): the card the verifier posted to the
// managers' channel is replaced in place (chat.update on its stored channel and ts) by "withdrawn",
// without its Approve/Reject buttons; the channel also gets the notice. Real Bolt app, real
// dispatcher (virtual timer), the Slack fake; the influencer erases their data from their DM.
import { describe, expect, it } from "vitest";
import { slackAdapterFor } from "../../../adapters/slack/index.js";
import { acceptMission } from "../../../src/services/missions.js";
import { runVerifySubmissions } from "../../../src/jobs/verify-submissions.js";
import { eraseInfluencer } from "../../../src/services/privacy.js";
import { enqueue } from "../../../src/services/outbox.js";
import { testProviders } from "../../helpers/db.js";
import { seedMission } from "../../engine/seed.js";
import { appDispatcher, drainAll } from "../../delivery/helpers.js";
import { blockAction, dmEvent } from "./slack-requests.js";
import { callText as text, slackAppPerSuite } from "./slack-app.js";

const unsure = { verify: async () => ({ decision: "needs_review" as const, notes: "caption unreadable" }), isLive: async () => "unknown" as const };

describe.each(testProviders())("a posted review card when the person erases their data, on %s", (provider) => {
  const harness = slackAppPerSuite(provider, { env: () => ({ SLACK_MANAGER_CHANNEL: "CMANAGERS" }), prepare: (slack) => (slack.members = ["UMANAGER1", "UBOT"]) });
  const drain = () => drainAll(harness.app.database, harness.clock, appDispatcher(harness.app, harness.clock, [slackAdapterFor(harness.app)!]));

  async function memberInReview(user: string, n: number) {
    const { app, slack, clock } = harness;
    const db = app.database.db;
    const inf = await db.influencer.create({
      data: {
        status: "active", displayName: `Erin${n}`, locale: "en", consentAt: clock.now(), activatedAt: clock.now(),
        accounts: { create: { platform: "slack", externalId: user, chatId: `D${user}` } },
        handles: { create: [{ network: "tiktok", handle: `erin${n}` }] },
      },
    });
    const m = await seedMission(app.deps, { title: `Card ${n}`, networks: ["tiktok"] });
    expect(await acceptMission(app.deps, inf.id, m.id)).toMatchObject({ ok: true });
    await harness.event(dmEvent(`<https://www.tiktok.com/@erin${n}/video/761000000000000000${n}>`, { user, channel: `D${user}` }));
    await slack.waitFor("chat.postMessage", (c) => c.args.channel === `D${user}` && text(c).includes("pending verification"));
    await runVerifySubmissions(app.deps, clock.now(), unsure);
    const submission = await db.submission.findFirstOrThrow({ where: { influencerId: inf.id } });
    await drain();
    const card = await db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: `submission:${submission.id}:review` } });
    expect(card).toMatchObject({ status: "sent", recipient: "CMANAGERS" });
    return { inf, submission, ts: card.platformMessageId! };
  }

  it("given a card posted in the channel then erasing from the DM replaces it by 'withdrawn' without buttons, tells the channel, and an old Approve pays nothing", async () => {
    const { app, slack } = harness;
    const db = app.database.db;
    harness.clock.set(new Date(Date.now() + 1000)); // rows enqueued at the database's wall-clock "now" are due
    const { inf, submission, ts } = await memberInReview("UERIN1", 1);
    expect(JSON.stringify(slack.messages.get(`CMANAGERS:${ts}`))).toContain("review.approve");

    // Slack clients keep "/…" for slash commands: in a DM the command is its bare word.
    await harness.event(dmEvent("deleteme", { user: "UERIN1", channel: "DUERIN1" }));
    await slack.waitFor("chat.postMessage", (c) => c.args.channel === "DUERIN1" && text(c).includes("privacy.delete"));
    await harness.interact(blockAction("privacy.delete~0", undefined, { user: "UERIN1", channel: "DUERIN1" }));
    await slack.waitFor("chat.postMessage", (c) => c.args.channel === "DUERIN1" && text(c).includes("personal data has been erased"));
    expect(await db.influencer.findUniqueOrThrow({ where: { id: inf.id } })).toMatchObject({ status: "deleted" });

    const counts = await drain();
    expect(counts).toMatchObject({ failed: 0 });
    const [update] = await slack.waitFor("chat.update", (c) => c.args.ts === ts);
    expect(update!.args.channel).toBe("CMANAGERS");
    expect(text(update)).toContain(`Submission #${submission.id} (Card 1)`);
    expect(text(update)).toContain("withdrawn: the person erased their data");
    expect(text(update)).not.toContain("review.approve"); // the buttons are gone
    expect(text(update)).not.toContain("tiktok.com/@erin1"); // nor the erased person's link
    const notice = await slack.waitFor("chat.postMessage", (c) => c.args.channel === "CMANAGERS" && text(c).includes("was withdrawn"));
    expect(notice).toHaveLength(1);

    // A manager whose Slack still shows the old buttons presses Approve: refused, nothing paid.
    await harness.interact(blockAction("review.approve~0", String(submission.id), { messageTs: ts }));
    await slack.waitFor("chat.postEphemeral", (c) => c.args.user === "UMANAGER1" && text(c).includes("erased their data"));
    expect(await db.ledgerEntry.count({ where: { influencerId: inf.id } })).toBe(0);
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: `submission:${submission.id}:review:withdrawn` } })).toMatchObject({ status: "sent" });
  });

  it("given the card still on its way when the person erases their data then the edit waits for it, and a card never posted gets no edit", async () => {
    const { app, slack } = harness;
    const db = app.database.db;
    const { inf, submission, ts } = await memberInReview("UERIN2", 2);
    // As if the card were still being sent when the erasure ran: the edit is queued and must wait.
    await db.outboxMessage.update({ where: { dedupeKey: `submission:${submission.id}:review` }, data: { status: "sending", claimedUntil: new Date(harness.clock.now().getTime() + 60_000) } });
    await eraseInfluencer(app.deps, inf.id);
    const dispatcher = appDispatcher(app, harness.clock, [slackAdapterFor(app)!]);
    expect(await dispatcher.drain()).toMatchObject({ retried: 1, failed: 0 });
    expect(slack.callsTo("chat.update").filter((c) => c.args.ts === ts)).toHaveLength(0);
    await db.outboxMessage.update({ where: { dedupeKey: `submission:${submission.id}:review` }, data: { status: "sent", claimedUntil: null } });
    await drain();
    await slack.waitFor("chat.update", (c) => c.args.ts === ts && text(c).includes("withdrawn"));

    // An edit whose card was cancelled before it was posted has nothing to correct.
    await enqueue(db, [{ platform: "slack", recipient: "CMANAGERS", purpose: "review.withdrawn", dedupeKey: "edit-of-nothing", payload: { kind: "edit", of: "never-posted", content: { kind: "i18n", messageId: "outcome.review.card_withdrawn", params: { id: 1, title: "x" } } }, notBefore: harness.clock.now() }]);
    expect(await drain()).toMatchObject({ cancelled: 1, sent: 0 });
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: "edit-of-nothing" } })).toMatchObject({ status: "cancelled", lastError: "the message to edit was never queued" });
  });
});
