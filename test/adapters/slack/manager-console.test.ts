// The managers' console end to end: the real app (engine, manager handlers, services, database),
// the real Bolt App on Advo's HTTP server receiving signed requests, the Web API at the Slack
// fake, and an influencer on Telegram (its own fake) reached through the outbox dispatcher.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDispatcher } from "../../../src/delivery/component.js";
import { enqueue } from "../../../src/services/outbox.js";
import { reviewQueue } from "../../../src/services/review.js";
import { reviewCard } from "../../../src/engine/manage/index.js";
import { slackAdapterFor } from "../../../adapters/slack/index.js";
import { telegramAdapterFor } from "../../../adapters/telegram/index.js";
import { decodeOrigin } from "../../../adapters/slack/modal.js";
import { testProviders } from "../../helpers/db.js";
import { FakeTelegramBotApi } from "../../fakes/telegram-bot-api.js";
import { missionValues, seedInfluencer, seedSubmission } from "../../services/manage/fixtures.js";
import { t } from "../../../src/i18n/translate.js";
import { blockAction, chosen, numberInput, pickedAt, slashCommand, viewSubmission } from "./slack-requests.js";
import { callText as blocksText, slackAppPerSuite } from "./slack-app.js";

describe.each(testProviders())("slack manager console on %s", (provider) => {
  let telegram: FakeTelegramBotApi;
  beforeAll(async () => {
    telegram = await new FakeTelegramBotApi().listen();
  });
  afterAll(() => telegram?.close());
  const harness = slackAppPerSuite(provider, {
    env: () => ({ SLACK_MANAGER_CHANNEL: "CMANAGERS", TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.apiRoot }),
    prepare: (slack) => {
      slack.members = ["UMANAGER1", "UMANAGER2", "UBOT"];
      slack.userLocales.set("UMANAGER2", "es-ES");
    },
  });
  const post = harness.command;
  const interact = harness.interact;
  /** the dispatcher drains the outbox through both adapters (Slack for the channel, Telegram for the influencer) */
  const drain = () => createDispatcher(harness.app, [slackAdapterFor(harness.app)!, telegramAdapterFor(harness.app)!]).drain();

  it("given a manager then a mission is created in the modal (field errors first), published from its preview and announced to an influencer on Telegram", async () => {
    const { app, slack } = harness;
    const influencer = await seedInfluencer(app.database.db, { platform: "telegram", name: "Ana" });
    const chatId = `c${influencer.id}`;

    const cmd = slashCommand("mission new");
    expect((await post(cmd)).status).toBe(200);
    const [open] = await slack.waitFor("views.open", (c) => c.args.trigger_id === cmd.trigger_id);
    const view = open!.args.view as { callback_id: string; private_metadata: string; blocks: { block_id: string }[] };
    expect(view.callback_id).toBe("mission.form");
    expect(view.blocks.map((b) => b.block_id)).toContain("hashtags");
    expect(decodeOrigin(view.private_metadata)).toEqual({ state: "new", channel: "CMANAGERS" });

    const bad = await interact(viewSubmission("mission.form", missionValues({ points: "many" }), { privateMetadata: view.private_metadata }));
    expect(await bad.json()).toEqual({ response_action: "errors", errors: { points: "Enter a whole number." } });
    expect(await app.database.db.mission.count()).toBe(0);

    const good = await interact(viewSubmission("mission.form", missionValues(), { privateMetadata: view.private_metadata }));
    expect(good.status).toBe(200);
    expect(await good.text()).toBe(""); // the modal closes
    const previews = await slack.waitFor("chat.postEphemeral", (c) => blocksText(c).includes("mission.publish"));
    const mission = await app.database.db.mission.findFirstOrThrow();
    expect(previews[0]!.args).toMatchObject({ channel: "CMANAGERS", user: "UMANAGER1" });
    expect(blocksText(previews[0])).toContain("Spring launch");
    // closing is destructive: Slack asks first, with the consequence, before the press reaches Advo
    const buttons = (previews[0]!.args.blocks as { type: string; elements?: { action_id: string; confirm?: unknown }[] }[]).flatMap((b) => b.elements ?? []);
    expect(buttons.find((b) => b.action_id.startsWith("mission.close~"))!.confirm).toMatchObject({
      title: { text: "Close this mission?" }, text: { text: `Mission #${mission.id} stops taking acceptances and links now, and everyone who accepted it is told.` }, confirm: { text: "Close" }, style: "danger",
    });
    expect(buttons.find((b) => b.action_id.startsWith("mission.publish~"))!.confirm).toBeUndefined();

    const publish = blockAction("mission.publish~0", String(mission.id), { ephemeral: true, responseUrl: slack.responseUrl("publish"), messageTs: "1700000000.999999" });
    await interact(publish);
    const [answer] = await slack.waitFor("respond:publish");
    expect(answer!.args).toMatchObject({ replace_original: true });
    expect(blocksText(answer)).toContain(`Mission #${mission.id} published and announced to 1 influencer.`);

    // the influencer's announcement, and the mission's own message in the managers' channel (its thread)
    expect(await drain()).toMatchObject({ sent: 2 });
    await slack.waitFor("chat.postMessage", (c) => c.args.channel === "CMANAGERS" && blocksText(c).includes(`Mission #${mission.id} is live`));
    const announced = telegram.messagesTo(chatId);
    expect(announced).toHaveLength(1);
    expect(JSON.stringify(announced[0]!.params)).toContain("Spring launch");
  });

  it("given the mission modal then it uses Slack's native inputs, every field error comes back at once in the manager's language, and native values create the mission", async () => {
    const { app, slack } = harness;
    const cmd = slashCommand("mission new", { user: "UMANAGER2" });
    await post(cmd);
    const [open] = await slack.waitFor("views.open", (c) => c.args.trigger_id === cmd.trigger_id);
    const view = open!.args.view as { private_metadata: string; blocks: { block_id: string; element: { type: string; options?: { value: string }[] }; hint?: unknown }[] };
    const element = (id: string) => view.blocks.find((b) => b.block_id === id)!.element;
    expect(element("networks").type).toBe("multi_static_select");
    expect(element("networks").options!.map((o) => o.value)).toContain("tiktok");
    expect(element("points").type).toBe("number_input");
    expect(element("cap").type).toBe("number_input");
    expect(element("deadline").type).toBe("datetimepicker");
    expect(element("startsAt").type).toBe("datetimepicker");
    expect(element("landingUrl").type).toBe("url_text_input");
    expect(view.blocks.find((b) => b.block_id === "hashtags")!.hint).toBeDefined();

    const wrong = missionValues({ title: "", hashtags: "#ad #no-dash", networks: chosen(), points: numberInput("0"), deadline: { type: "datetimepicker", selected_date_time: null } });
    const bad = await interact(viewSubmission("mission.form", wrong, { user: "UMANAGER2", privateMetadata: view.private_metadata }));
    const es = (id: string) => t("es", id as never);
    expect(await bad.json()).toEqual({
      response_action: "errors",
      errors: { title: es("manage.form.required"), hashtags: es("manage.form.hashtag"), networks: es("manage.form.networks_required"), points: es("manage.form.points_range"), deadline: es("manage.form.date") },
    });
    expect(es("manage.form.required")).not.toBe(t("en", "manage.form.required"));
    const before = await app.database.db.mission.count();

    const good = missionValues({ title: "Native launch", hashtags: "#ad #spring", networks: chosen("instagram", "youtube"), points: numberInput("250"), cap: numberInput("40"), startsAt: pickedAt("2026-02-01T08:30:00Z"), deadline: pickedAt("2026-03-15T17:00:00Z") });
    expect((await interact(viewSubmission("mission.form", good, { user: "UMANAGER2", privateMetadata: view.private_metadata }))).status).toBe(200);
    expect(await app.database.db.mission.count()).toBe(before + 1);
    const mission = await app.database.db.mission.findFirstOrThrow({ where: { title: "Native launch" } });
    expect(JSON.stringify(mission)).toContain("#spring");
    expect(mission).toMatchObject({ points: 250, deadline: new Date("2026-03-15T17:00:00Z"), startsAt: new Date("2026-02-01T08:30:00Z") });
  });

  it("given review cards posted to the channel then a manager approves one and rejects another with a reason; each card shows the decision", async () => {
    const { app, slack, clock } = harness;
    const db = app.database.db;
    const mission = await db.mission.findFirstOrThrow();
    const inf = await db.influencer.findFirstOrThrow({ where: { displayName: "Ana" } });
    const first = await seedSubmission(db, mission.id, inf.id);
    const queue = await reviewQueue(app.deps, "system");
    if (!queue.ok) throw new Error(queue.error);
    await enqueue(db, queue.value.map((item) => ({ platform: "slack" as const, recipient: "CMANAGERS", purpose: "review.request", dedupeKey: `review:${item.id}`, payload: { kind: "message" as const, message: reviewCard("en", item) }, notBefore: app.clock.now() })));
    expect(await drain()).toMatchObject({ sent: 1 });
    await slack.waitFor("chat.postMessage", (c) => blocksText(c).includes(`Submission #${first.id}`) && c.args.channel === "CMANAGERS");
    const ts = (await db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: `review:${first.id}` } })).platformMessageId!; // the sender's ts

    await interact(blockAction("review.approve~0", String(first.id), { messageTs: ts }));
    const [update] = await slack.waitFor("chat.update", (c) => c.args.ts === ts);
    expect(blocksText(update)).toContain(`Submission #${first.id} approved by <@UMANAGER1>: 100 points awarded.`);
    expect(blocksText(update)).not.toContain("slack:U");
    expect(blocksText(update)).toContain("<@UMANAGER1>");
    expect(await db.ledgerEntry.count({ where: { influencerId: inf.id } })).toBe(1);

    // a second submission, its card posted straight through the adapter's send (as the dispatcher would)
    const second = await seedSubmission(db, mission.id, inf.id);
    const pending = await reviewQueue(app.deps, "system");
    if (!pending.ok) throw new Error(pending.error);
    const secondCard = await slackAdapterFor(app)!.send("CMANAGERS", reviewCard("en", pending.value.find((i) => i.id === second.id)!));
    const secondTs = (secondCard as { messageId: string }).messageId;
    const reject = blockAction("review.reject~1", String(second.id), { messageTs: secondTs });
    await interact(reject);
    const [open] = await slack.waitFor("views.open", (c) => c.args.trigger_id === reject.trigger_id);
    const view = open!.args.view as { callback_id: string; private_metadata: string };
    expect(view.callback_id).toBe("review.reject");
    expect(decodeOrigin(view.private_metadata)).toEqual({ state: String(second.id), channel: "CMANAGERS", messageTs: secondTs });

    const empty = await interact(viewSubmission("review.reject", { reason: "" }, { privateMetadata: view.private_metadata }));
    expect(await empty.json()).toEqual({ response_action: "errors", errors: { reason: "Give a reason for the rejection." } });
    const done = await interact(viewSubmission("review.reject", { reason: "The #ad disclosure is missing" }, { privateMetadata: view.private_metadata }));
    expect(done.status).toBe(200);
    const [rejected] = await slack.waitFor("chat.update", (c) => c.args.ts === secondTs);
    expect(blocksText(rejected)).toContain(`Submission #${second.id} rejected by <@UMANAGER1>`);
    expect(String(rejected!.args.text)).not.toContain("slack:U");
    expect((await db.submission.findUniqueOrThrow({ where: { id: second.id } })).status).toBe("rejected");

    // The notice row takes the database's own "now" as notBefore (wall time), so the fake clock
    // catches up with it before the dispatcher runs.
    clock.set(new Date(Date.now() + 1000));
    // The influencer hears both decisions (the approval with points and balance); the managers'
    // channel gets each decision as a notice too, so the other managers see it.
    // Two messages to one Telegram chat: the per-chat limit (1/s) spaces them, on the fake clock.
    let drained: unknown;
    const draining = createDispatcher(app, [telegramAdapterFor(app)!]).drain().then((c) => (drained = c));
    while (drained === undefined) {
      clock.advance(1100);
      await new Promise((r) => setTimeout(r, 20));
    }
    await draining;
    // Three: the two decisions and the badge the first approved post earns (issue 21).
    expect(drained).toMatchObject({ sent: 3 });
    const notices = telegram.messagesTo(`c${inf.id}`).map((c) => JSON.stringify(c.params));
    expect(notices.some((n) => n.includes("New badge"))).toBe(true);
    expect(notices.some((n) => n.includes("The #ad disclosure is missing"))).toBe(true);
    expect(notices.some((n) => n.includes("Points: +100"))).toBe(true);
    const channel = await db.outboxMessage.findMany({ where: { recipient: "CMANAGERS", purpose: { startsWith: "manager.review_" } }, orderBy: { id: "asc" } });
    expect(channel.map((r) => r.purpose)).toEqual(["manager.review_approved", "manager.review_rejected"]);
  });

  it("given a mistyped /advo sub-command then the answer suggests the closest one, in the manager's language", async () => {
    const body = JSON.stringify(await (await post(slashCommand("reveiw"))).json());
    expect(body).toContain("Did you mean /advo review?");
    const es = JSON.stringify(await (await post(slashCommand("missoin list", { user: "UMANAGER2" }))).json());
    expect(es).toContain("¿Querías decir /advo mission list?");
    expect(JSON.stringify(await (await post(slashCommand("zzzzzz"))).json())).toContain("Unknown command: /advo zzzzzz. Type /advo help.");
  });

  it("given someone outside the manager channel then /advo and the card buttons are refused, visibly to them only, and nothing changes", async () => {
    const { app, slack } = harness;
    const db = app.database.db;
    const res = await post(slashCommand("mission new", { user: "UOUTSIDER" }));
    const body = (await res.json()) as { response_type: string };
    expect(body.response_type).toBe("ephemeral");
    expect(JSON.stringify(body)).toContain("Only program managers can do that.");

    const mission = await db.mission.findFirstOrThrow();
    const inf = await db.influencer.findFirstOrThrow({ where: { displayName: "Ana" } });
    const s = await seedSubmission(db, mission.id, inf.id);
    const posted = (await slackAdapterFor(app)!.send("CMANAGERS", reviewCard("en", { id: s.id, missionId: mission.id, missionTitle: mission.title, influencerId: inf.id, influencerName: "Ana", url: s.url, network: "instagram", authorHandle: null, status: "needs_review", attempt: 1, previousReason: null, evidence: {}, createdAt: s.createdAt }))) as { messageId: string };
    const updatesBefore = slack.callsTo("chat.update").length;
    await interact(blockAction("review.approve~0", String(s.id), { user: "UOUTSIDER", messageTs: posted.messageId }));
    const [refusal] = await slack.waitFor("chat.postEphemeral", (c) => c.args.user === "UOUTSIDER");
    expect(blocksText(refusal)).toContain("Only program managers can do that.");
    expect(slack.callsTo("chat.update")).toHaveLength(updatesBefore);
    expect((await db.submission.findUniqueOrThrow({ where: { id: s.id } })).status).toBe("needs_review");
    expect(await db.auditLog.count({ where: { actor: "slack:UOUTSIDER", outcome: "refused" } })).toBe(2);
  });
});
