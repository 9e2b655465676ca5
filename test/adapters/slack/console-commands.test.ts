// The managers' everyday commands end to end (issue 15): the real Bolt app against the fake Slack
// Web API — /advo help with examples per role, /advo influencer (card, erased card, actions),
// /advo leaderboard and /advo missions, a points adjustment that asks first, mentions of managers.
import { describe, expect, it } from "vitest";
import { testProviders } from "../../helpers/db.js";
import { seedInfluencer, seedSubmission } from "../../services/manage/fixtures.js";
import { appendEntry, currentCycle } from "../../../src/services/ledger.js";
import { eraseInfluencer } from "../../../src/services/privacy.js";
import { decodeOrigin } from "../../../adapters/slack/modal.js";
import { blockAction, viewSubmission } from "./slack-requests.js";
import { callText, commandAnswers, slackAppPerSuite } from "./slack-app.js";
import { createDispatcher } from "../../../src/delivery/component.js";
import { slackAdapterFor } from "../../../adapters/slack/index.js";

const PUBLIC_URL = "https://advo.example.org";

describe.each(testProviders())("slack /advo console commands on %s", (provider) => {
  const harness = slackAppPerSuite(provider, {
    env: () => ({ SLACK_MANAGER_CHANNEL: "CMANAGERS", PUBLIC_URL }),
    prepare: (slack) => {
      slack.members = ["UMANAGER1", "UREVIEWER", "UBOT"];
    },
  });
  const answer = commandAnswers(harness, "UMANAGER1", "answer");
  const buttonsOf = (body: string) => (JSON.parse(body) as { blocks: { elements?: { action_id: string; value?: string; url?: string; confirm?: unknown }[] }[] }).blocks.flatMap((b) => b.elements ?? []);

  it("given an admin and a reviewer then /advo help lists every sub-command each may run, with an example, hiding what the reviewer's role cannot do", async () => {
    const db = harness.app.database.db;
    await db.manager.update({ where: { platform_externalId: { platform: "slack", externalId: "UREVIEWER" } }, data: { role: "reviewer" } });
    const admin = await answer("help");
    for (const line of ["/advo leaderboard [--size N]", "/advo leaderboard --size 20", "/advo influencer NAME|@HANDLE|#ID", "/advo influencer @ana_makes", "/advo missions", "/advo cycle close", "/advo points adjust 42 50"]) expect(admin).toContain(line);
    expect(admin).not.toContain("db restore");
    const reviewer = await answer("help", "UREVIEWER");
    expect(reviewer).toContain("/advo review");
    expect(reviewer).toContain("/advo influencer @ana_makes");
    expect(reviewer).toContain("/advo submission approve 340");
    for (const hidden of ["cycle close", "points adjust", "invite create", "invite new", "broadcast", "manager set-role", "settings confirm-above"]) expect(reviewer).not.toContain(`/advo ${hidden}`);
  });

  it("given people with points then /advo influencer finds one by @handle and shows the card with profile link and actions, and /advo leaderboard names people with a link", async () => {
    const db = harness.app.database.db;
    const ana = await seedInfluencer(db, { name: "Ana Ruiz" });
    const bo = await seedInfluencer(db, { name: "Bo Lind" });
    await db.socialHandle.create({ data: { influencerId: ana.id, network: "tiktok", handle: "ana_makes" } });
    const cycle = await currentCycle(db, harness.app.clock);
    await appendEntry(db, { influencerId: ana.id, cycleId: cycle.id, amount: 300, kind: "adjustment", reason: "seed", idempotencyKey: `seed:${ana.id}`, reference: "seed" });
    await appendEntry(db, { influencerId: bo.id, cycleId: cycle.id, amount: 120, kind: "adjustment", reason: "seed", idempotencyKey: `seed:${bo.id}`, reference: "seed" });
    const mission = await db.mission.create({ data: { title: "Spring launch", brief: "b", hashtags: ["#ad"], networks: ["instagram"], points: 100, status: "published", segment: {}, deadline: new Date("2026-03-01T00:00:00Z") } });
    await seedSubmission(db, mission.id, ana.id);

    const card = await answer("influencer @ana_makes");
    expect(card).toContain(`<${PUBLIC_URL}/dashboard/influencers/${ana.id}|Ana Ruiz (@h${ana.id}instagram)>`);
    expect(card).toContain("TikTok @ana_makes");
    expect(card).toContain("Balance: 300 points");
    expect(card).toContain("Spring launch · needs_review");
    const actions = buttonsOf(card).map((b) => b.action_id.replace(/~\d+$/, ""));
    expect(actions).toEqual(["influencer.adjust", "influencer.pause", "influencer.message", "_url"]);
    expect(buttonsOf(card).find((b) => b.action_id.startsWith("influencer.pause"))!.confirm).toBeDefined();
    expect(card).not.toContain("slack:U");

    const several = await answer("influencer an");
    expect(several).toContain("Ana Ruiz");

    const board = await answer("leaderboard");
    expect(board).toMatch(/1\. <https:\/\/advo\.example\.org\/dashboard\/influencers\/\d+\|Ana Ruiz \(@h\d+instagram\)> · 300 points/);
    expect(board).toContain("Bo Lind");
    const missions = await answer("missions");
    expect(missions).toContain("Spring launch");
    expect(missions).toContain("1 submitted");
  });

  it("given an erased person then the card says so and shows nothing about them", async () => {
    const db = harness.app.database.db;
    const gone = await seedInfluencer(db, { name: "Carla Secret" });
    await db.socialHandle.create({ data: { influencerId: gone.id, network: "tiktok", handle: "carla_secret" } });
    await eraseInfluencer(harness.app.deps, gone.id);
    const card = await answer(`influencer #${gone.id}`);
    expect(card).toContain("This person erased their data");
    expect(card).not.toContain("Carla");
    expect(card).not.toContain("carla_secret");
    expect(card).not.toContain("influencer.adjust");
    expect(await answer("influencer Carla")).toContain("Nobody matches");
  });

  it("given the card's buttons then pause names the manager as a mention and tells the person; a big negative adjustment asks first and lands once", async () => {
    const { app, slack } = harness;
    const db = app.database.db;
    const ana = await db.influencer.findFirstOrThrow({ where: { displayName: "Ana Ruiz" } });

    await harness.interact(blockAction("influencer.pause~1", String(ana.id), { ephemeral: true, responseUrl: slack.responseUrl("pause") }));
    const [paused] = await slack.waitFor("respond:pause");
    expect(callText(paused)).toContain(`Influencer #${ana.id} paused by <@UMANAGER1>`);
    expect((await db.influencer.findUniqueOrThrow({ where: { id: ana.id } })).status).toBe("paused");
    expect(await db.outboxMessage.count({ where: { influencerId: ana.id, purpose: "influencer.paused" } })).toBe(1);

    const press = blockAction("influencer.adjust~0", String(ana.id), { ephemeral: true, responseUrl: slack.responseUrl("adjust") });
    await harness.interact(press);
    const [open] = await slack.waitFor("views.open", (c) => c.args.trigger_id === press.trigger_id);
    const view = open!.args.view as { callback_id: string; private_metadata: string };
    expect(view.callback_id).toBe("points.adjust");
    expect(decodeOrigin(view.private_metadata).state).toMatch(new RegExp(`^${ana.id}:`));
    const bad = await harness.interact(viewSubmission("points.adjust", { points: "lots", reason: "" }, { privateMetadata: view.private_metadata }));
    expect(await bad.json()).toEqual({ response_action: "errors", errors: { points: "Enter a whole number other than 0, e.g. 50 or -20.", reason: expect.any(String) } });

    const entries = () => db.ledgerEntry.count({ where: { influencerId: ana.id, kind: "adjustment" } });
    const before = await entries();
    expect((await harness.interact(viewSubmission("points.adjust", { points: "-500", reason: "Post deleted" }, { privateMetadata: view.private_metadata }))).status).toBe(200);
    const [ask] = await slack.waitFor("chat.postEphemeral", (c) => callText(c).includes("points.confirm"));
    expect(callText(ask)).toContain("balance 300 → -200");
    expect(callText(ask)).toContain("becomes negative");
    expect(await entries()).toBe(before); // nothing until confirmed
    const confirm = buttonsOf(JSON.stringify(ask!.args)).find((b) => b.action_id.startsWith("points.confirm"))!;
    expect(confirm.confirm).toBeDefined();

    await harness.interact(blockAction(confirm.action_id, confirm.value, { ephemeral: true, responseUrl: slack.responseUrl("confirm1") }));
    const [done] = await slack.waitFor("respond:confirm1");
    expect(callText(done)).toContain("by <@UMANAGER1>: -500; balance now -200");
    await harness.interact(blockAction(confirm.action_id, confirm.value, { ephemeral: true, responseUrl: slack.responseUrl("confirm2") }));
    const [again] = await slack.waitFor("respond:confirm2");
    expect(callText(again)).toContain("no longer valid");
    expect(await entries()).toBe(before + 1);

    // a positive adjustment back above zero (a new form) applies at once
    const second = blockAction("influencer.adjust~0", String(ana.id), { ephemeral: true, responseUrl: slack.responseUrl("adjust2") });
    await harness.interact(second);
    const [reopened] = await slack.waitFor("views.open", (c) => c.args.trigger_id === second.trigger_id);
    const metadata = (reopened!.args.view as { private_metadata: string }).private_metadata;
    await harness.interact(viewSubmission("points.adjust", { points: "250", reason: "Great post" }, { privateMetadata: metadata, viewId: "V-small" }));
    await expect.poll(entries).toBe(before + 2);
  });

  it("given a submission to review then its card and the channel's decision notice name the person by name and handle with their profile, and the deciding manager as a mention", async () => {
    const { app, slack } = harness;
    const db = app.database.db;
    const bo = await db.influencer.findFirstOrThrow({ where: { displayName: "Bo Lind" } });
    const mission = await db.mission.findFirstOrThrow({ where: { title: "Spring launch" } });
    const s = await seedSubmission(db, mission.id, bo.id);
    const queue = await answer("review");
    expect(queue).toContain(`Bo Lind (@h${bo.id}instagram)`);
    expect(queue).toContain(`<${PUBLIC_URL}/dashboard/influencers/${bo.id}|Profile>`);
    await harness.interact(blockAction("review.approve~0", String(s.id), { ephemeral: true, responseUrl: slack.responseUrl("approve") }));
    await slack.waitFor("respond:approve");
    harness.clock.set(new Date(Date.now() + 1000)); // outbox rows are stamped with the wall clock
    await createDispatcher(app, [slackAdapterFor(app)!]).drain();
    const [notice] = await slack.waitFor("chat.postMessage", (c) => c.args.channel === "CMANAGERS" && callText(c).includes(`Submission #${s.id} (Spring launch`));
    expect(callText(notice)).toContain(`Bo Lind (@h${bo.id}instagram)) approved by <@UMANAGER1>`);
    expect(callText(notice)).toContain(`${PUBLIC_URL}/dashboard/influencers/${bo.id}`);
    expect(String(notice!.args.text)).not.toContain("slack:U");
  });

  it("given /advo cycle close then nothing closes until the Confirm button; the question names the cycle and its consequence; the new cycle gets a distinct name", async () => {
    const { app, slack } = harness;
    const db = app.database.db;
    const open = await db.cycle.findFirstOrThrow({ where: { status: "open" } });
    harness.clock.set(new Date(open.startsAt.getTime() + 10 * 86_400_000)); // inside the cycle: an early close
    const balances = await db.ledgerEntry.groupBy({ by: ["influencerId"], where: { cycleId: open.id }, _sum: { amount: true } });
    const people = balances.filter((b) => (b._sum.amount ?? 0) !== 0).length;
    const points = balances.reduce((n, b) => n + (b._sum.amount ?? 0), 0);
    const ask = await answer("cycle close");
    expect(ask).toContain(`Close cycle ${open.name}: ${people} people, ${points.toLocaleString("en")} points, 0 roll over (0 people)`);
    expect(ask).toContain("this closes it early");
    expect((await db.cycle.findUniqueOrThrow({ where: { id: open.id } })).status).toBe("open");
    const confirm = buttonsOf(ask).find((b) => b.action_id.startsWith("cycle.confirm"))!;
    expect(confirm.confirm).toMatchObject({ title: { text: `Close cycle ${open.name}?` } });

    await harness.interact(blockAction(confirm.action_id, confirm.value, { ephemeral: true, responseUrl: slack.responseUrl("close1") }));
    const [closed] = await slack.waitFor("respond:close1");
    expect(callText(closed)).toContain(`Cycle ${open.name} closed by <@UMANAGER1>`);
    expect((await db.cycle.findUniqueOrThrow({ where: { id: open.id } })).status).toBe("closed");
    await harness.interact(blockAction(confirm.action_id, confirm.value, { ephemeral: true, responseUrl: slack.responseUrl("close2") }));
    expect(callText((await slack.waitFor("respond:close2"))[0])).toContain("no longer valid");

    // closing the new cycle at once gives a third one: its default name repeats the second's, so it is told apart
    const second = await db.cycle.findFirstOrThrow({ where: { status: "open" } });
    harness.clock.advance(3_600_000); // an hour later, the same day
    const again = await answer("cycle close");
    const confirmAgain = buttonsOf(again).find((b) => b.action_id.startsWith("cycle.confirm"))!;
    await harness.interact(blockAction(confirmAgain.action_id, confirmAgain.value, { ephemeral: true, responseUrl: slack.responseUrl("close3") }));
    await slack.waitFor("respond:close3");
    const third = await db.cycle.findFirstOrThrow({ where: { status: "open" } });
    expect(third.id).not.toBe(second.id);
    expect(third.name).toBe(`${second.name} #2`);
    expect(new Set((await db.cycle.findMany({ select: { name: true } })).map((c) => c.name)).size).toBe(3);
  });

  it("given a manager's App Home then its dashboard button sends that manager a fresh sign-in link", async () => {
    const { slack } = harness;
    await harness.event({ token: "t", team_id: "T0001", api_app_id: "A0001", type: "event_callback", event_id: "EvConsoleHome1", event_time: Math.floor(Date.now() / 1000), event: { type: "app_home_opened", user: "UMANAGER1", channel: "DUMANAGER1", tab: "home", event_ts: "1700000009.000100" } });
    const [home] = await slack.waitFor("views.publish", (c) => c.args.user_id === "UMANAGER1" && JSON.stringify(c.args).includes("console.dashboard"));
    const button = JSON.stringify(home!.args).match(/"action_id":"(console\.dashboard~\d+)"/)![1]!;
    const { channel: _c, message: _m, ...press } = blockAction(button, "", { user: "UMANAGER1" });
    await harness.interact({ ...press, container: { type: "view", view_id: "VHOME" }, view: { id: "VHOME", type: "home" } });
    const [link] = await slack.waitFor("chat.postMessage", (c) => callText(c).includes(`${PUBLIC_URL}/dashboard/signin/`));
    expect(String(link!.args.channel)).not.toBe("CMANAGERS");
  });
});
