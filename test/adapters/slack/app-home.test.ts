// The App Home against the fake Slack: app_home_opened on the Home tab publishes the manager's
// program at a glance (pending reviews with buttons, live missions, cycle, failing deliveries); a
// decision taken from it is the real decision and the Home is published again without that
// review; someone who is not a manager gets only their own balance and missions.
import { describe, expect, it } from "vitest";
import { testProviders } from "../../helpers/db.js";
import { seedMission } from "../../engine/seed.js";
import { seedInfluencer, seedSubmission } from "../../services/manage/fixtures.js";
import { blockKitLimits } from "../../../adapters/slack/blocks/limits.js";
import { blockAction } from "./slack-requests.js";
import { slackAppPerSuite } from "./slack-app.js";

let seq = 0;
const homeOpened = (user: string, tab: "home" | "messages") => ({
  token: "legacy-verification-token", team_id: "T0001", api_app_id: "A0001", type: "event_callback", event_id: `EvHome${++seq}`, event_time: Math.floor(Date.now() / 1000),
  event: { type: "app_home_opened", user, channel: `D${user}`, tab, event_ts: "1700000009.000100" },
});
/** a button pressed on the Home tab: its container is the view, there is no channel or message */
const homeButton = (actionId: string, value: string, user: string) => {
  const { channel: _c, message: _m, ...rest } = blockAction(actionId, value, { user });
  return { ...rest, container: { type: "view", view_id: "VHOME" }, view: { id: "VHOME", type: "home" } };
};

describe.each(testProviders())("slack App Home on %s", (provider) => {
  const harness = slackAppPerSuite(provider, {
    env: () => ({ SLACK_MANAGER_CHANNEL: "CMANAGERS" }),
    prepare: (slack) => {
      slack.members = ["UMANAGER1", "UBOT"];
    },
  });

  it("given the Messages tab then nothing is published; given the Home tab then a manager sees pending reviews with buttons, live missions, the cycle and failing deliveries", async () => {
    const { app, slack } = harness;
    const db = app.database.db;
    const mission = await seedMission(app.deps, { title: "Home launch", networks: ["instagram"] });
    const ana = await seedInfluencer(db, { name: "Ana", platform: "slack" });
    await db.platformAccount.updateMany({ where: { influencerId: ana.id }, data: { externalId: "UANA", chatId: "DUANA" } });
    await db.participation.create({ data: { missionId: mission.id, influencerId: ana.id, status: "submitted" } });
    const sub = await seedSubmission(db, mission.id, ana.id);
    await db.outboxMessage.create({ data: { platform: "telegram", recipient: "c1", purpose: "test", dedupeKey: "failing-1", payload: {}, status: "failed", notBefore: new Date() } });

    expect((await harness.event(homeOpened("UMANAGER1", "messages"))).status).toBe(200);
    expect((await harness.event(homeOpened("UMANAGER1", "home"))).status).toBe(200);
    const [published] = await slack.waitFor("views.publish", (c) => c.args.user_id === "UMANAGER1");
    expect(slack.callsTo("views.publish")).toHaveLength(1); // the Messages tab published nothing
    const view = published!.args.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe("home");
    expect(blockKitLimits(view)).toEqual([]);
    const text = JSON.stringify(view);
    expect(text).toContain("1 submission waiting for review");
    expect(text).toMatch(new RegExp(`\\*#${sub.id}\\* Home launch · Ana \\(@\\w+\\) · instagram · attempt 1`)); // name and handle, like the cards
    expect(text).toContain('"value":"' + sub.id + '"');
    expect(text).toContain("review.approve~0");
    expect(text).toContain("*Home launch*: 1 accepted · 1 submitted · 0 approved · 0 clicks");
    expect(text).toMatch(/days? left · 0 points issued|No cycle is open/);
    expect(text).toContain("1 delivery failing");

    await harness.interact(homeButton("review.approve~0", String(sub.id), "UMANAGER1"));
    await slack.waitFor("views.publish", (c) => c.args.user_id === "UMANAGER1", 2);
    expect((await db.submission.findUniqueOrThrow({ where: { id: sub.id } })).status).toBe("approved");
    const again = JSON.stringify(slack.homes.get("UMANAGER1"));
    expect(again).toContain("No submissions waiting for review.");
    expect(again).toContain("1 approved");
  });

  it("given someone who is not a manager then their Home shows their balance, missions and how to submit, and no manager data", async () => {
    const { slack } = harness;
    await harness.event(homeOpened("UANA", "home"));
    await slack.waitFor("views.publish", (c) => c.args.user_id === "UANA");
    const text = JSON.stringify(slack.homes.get("UANA"));
    expect(text).toContain("Your balance: 100 points");
    expect(text).toContain("paste the post’s link");
    expect(text).not.toContain("waiting for review");
    expect(text).not.toContain("review.approve");
    expect(text).not.toContain("delivery");

    await harness.event(homeOpened("USTRANGER", "home"));
    await slack.waitFor("views.publish", (c) => c.args.user_id === "USTRANGER");
    expect(JSON.stringify(slack.homes.get("USTRANGER"))).toContain("You have not joined the program yet.");
  });
});
