// The Slack modals' remaining native parts (issue 15), through the real Bolt app: regions, interests
// and tags as multi_external_select fed by the options load URL (block_suggestion → at most 100
// options matching what was typed, managers only); Edit on a published mission's message and on a
// saved reward opens the modal pre-filled; cost and stock are number inputs; `/advo invite new` is
// a modal with number inputs, every invalid field at once; so is a bare `/advo cycle settings`.
import { describe, expect, it } from "vitest";
import { slackAdapterFor } from "../../../adapters/slack/index.js";
import { blockKitLimits } from "../../../adapters/slack/blocks/limits.js";
import { createMissionDraft, publishMission } from "../../../src/services/missions-admin.js";
import { createReward } from "../../../src/services/catalog-admin.js";
import { missionThreadKey } from "../../../src/services/mission-threads.js";
import { testProviders } from "../../helpers/db.js";
import { appDispatcher, drainAll } from "../../delivery/helpers.js";
import { viewRefusals } from "../../fakes/slack-view-rules.js";
import { blockAction, slashCommand, viewSubmission } from "./slack-requests.js";
import { slackAppPerSuite } from "./slack-app.js";

type Element = { type: string; action_id: string; initial_value?: string; initial_options?: { value: string }[]; min_value?: string };
type View = { blocks: { block_id?: string; element?: Element }[]; private_metadata: string };

const suggestion = (actionId: string, value: string, user = "UMANAGER1") => ({
  type: "block_suggestion", user: { id: user, username: "maria", name: "maria", team_id: "T0001" }, api_app_id: "A0001", token: "legacy-verification-token",
  team: { id: "T0001", domain: "fake" }, container: { type: "view", view_id: "VMODAL" }, action_id: actionId, block_id: actionId, value,
  view: { id: "VMODAL", type: "modal", callback_id: "mission.form", private_metadata: "", blocks: [] },
});

describe.each(testProviders())("slack modal external selects and edit buttons on %s", (provider) => {
  const harness = slackAppPerSuite(provider, { env: () => ({ SLACK_MANAGER_CHANNEL: "CMANAGERS" }), prepare: (slack) => (slack.members = ["UMANAGER1", "UBOT"]) });
  const element = (view: View, id: string) => view.blocks.find((b) => b.block_id === id)?.element;

  it("given 150 tags in the program then typing in the tags select offers at most 100 matching options, the typed value first; someone who is not a manager gets none", async () => {
    const db = harness.app.database.db;
    for (let i = 0; i < 150; i++) await db.influencer.create({ data: { status: "active", displayName: `P${i}`, tags: [`t${String(i).padStart(3, "0")}`, "vip"], interests: ["Cooking"], region: i % 2 ? "ES" : "IT" } });
    const all = (await (await harness.interact(suggestion("tags", ""))).json()) as { options: { value: string; text: { text: string } }[] };
    expect(all.options).toHaveLength(100); // Slack's cap
    const typed = (await (await harness.interact(suggestion("tags", "T01"))).json()) as typeof all;
    expect(typed.options.map((o) => o.value)).toEqual(["t01", ...Array.from({ length: 10 }, (_, i) => `t01${i}`)]);
    const regions = (await (await harness.interact(suggestion("regions", ""))).json()) as typeof all;
    expect(regions.options.map((o) => o.value)).toEqual(["es", "it"]);
    const interests = (await (await harness.interact(suggestion("interests", "cook"))).json()) as typeof all;
    expect(interests.options.map((o) => o.value)).toEqual(["cook", "cooking"]);
    expect(await (await harness.interact(suggestion("tags", "t0", "USTRANGER"))).json()).toEqual({ options: [] });
  });

  it("given a published mission's message in the channel then its Edit button opens the mission modal pre-filled, with external selects for the segment", async () => {
    const { app, slack, clock } = harness;
    const db = app.database.db;
    clock.set(new Date(Date.now() + 1000));
    const draft = await createMissionDraft(app.deps, "slack:UMANAGER1", {
      title: "Edit me", brief: "One post.", hashtags: "#ad", networks: ["tiktok"], points: "120", tags: "vip, t001", deadline: new Date(clock.now().getTime() + 7 * 86_400_000).toISOString(),
    });
    if (!draft.ok) throw new Error(JSON.stringify(draft));
    expect(await publishMission(app.deps, "slack:UMANAGER1", draft.value.id)).toMatchObject({ ok: true });
    await drainAll(app.database, clock, appDispatcher(app, clock, [slackAdapterFor(app)!]));
    const parent = await db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: missionThreadKey(draft.value.id) } });
    const posted = JSON.stringify(slack.messages.get(`CMANAGERS:${parent.platformMessageId}`));
    expect(posted).toContain("mission.edit~");
    expect(posted).toContain("mission.close~"); // with Slack's confirm dialog, as on the preview

    await harness.interact(blockAction("mission.edit~0", String(draft.value.id), { messageTs: parent.platformMessageId! }));
    const [opened] = await slack.waitFor("views.open", (c) => JSON.stringify(c.args.view).includes("Edit me"));
    const view = opened!.args.view as View;
    expect(viewRefusals(view)).toEqual([]);
    expect(blockKitLimits(view as never)).toEqual([]);
    expect(element(view, "points")).toMatchObject({ type: "number_input", initial_value: "120" });
    expect(element(view, "tags")).toMatchObject({ type: "multi_external_select", min_query_length: 0, initial_options: [{ value: "vip" }, { value: "t001" }] });
    expect(element(view, "regions")).toMatchObject({ type: "multi_external_select" });
    expect(element(view, "interests")).toMatchObject({ type: "multi_external_select" });
  });

  it("given a reward then Edit opens the reward modal pre-filled, cost and stock as number inputs", async () => {
    const { app, slack } = harness;
    const reward = await createReward(app.deps, "slack:UMANAGER1", { name: "Tote bag", description: "Canvas", cost: 500, stock: 40 });
    if (!reward.ok) throw new Error(JSON.stringify(reward));
    await harness.interact(blockAction("reward.edit~0", String(reward.value.id)));
    const [opened] = await slack.waitFor("views.open", (c) => JSON.stringify(c.args.view).includes("Tote bag"));
    const view = opened!.args.view as View;
    expect(viewRefusals(view)).toEqual([]);
    expect(element(view, "cost")).toMatchObject({ type: "number_input", initial_value: "500" });
    expect(element(view, "stock")).toMatchObject({ type: "number_input", initial_value: "40", min_value: "0" });
    // Every bad field at once, under itself (the service names only the first).
    const bad = await harness.interact(viewSubmission("reward.form", { name: "", description: "Canvas", cost: { type: "number_input", value: "-3" }, stock: { type: "number_input", value: "-1" } }, { privateMetadata: view.private_metadata }));
    expect(await bad.json()).toEqual({ response_action: "errors", errors: { name: "This field is required.", cost: "Enter a whole number.", stock: "Enter a whole number." } });
    expect(await app.database.db.reward.findUniqueOrThrow({ where: { id: reward.value.id } })).toMatchObject({ name: "Tote bag", cost: 500 });
  });

  it("given /advo invite new then a modal with native inputs opens, all invalid fields come back at once, and valid values create the codes", async () => {
    const { app, slack } = harness;
    await harness.command(slashCommand("invite new"));
    const [opened] = await slack.waitFor("views.open", (c) => JSON.stringify(c.args.view).includes("invite.form"));
    const view = opened!.args.view as View;
    expect(viewRefusals(view)).toEqual([]);
    expect(element(view, "count")).toMatchObject({ type: "number_input", initial_value: "1" });
    expect(element(view, "days")).toMatchObject({ type: "number_input" });
    expect(element(view, "tags")).toMatchObject({ type: "multi_external_select" });
    const number = (value: string | null) => ({ type: "number_input", value });
    const tags = (...values: string[]) => ({ type: "multi_external_select", selected_options: values.map((value) => ({ text: { type: "plain_text", text: value }, value })) });

    const bad = await harness.interact(viewSubmission("invite.form", { count: number("900"), uses: number("1"), days: number("5000"), tags: tags(), note: "x".repeat(300) }, { privateMetadata: view.private_metadata }));
    expect(await bad.json()).toEqual({ response_action: "errors", errors: { count: "Enter a whole number from 1 to 500.", days: "Enter a whole number of days from 1 to 3,650, or leave it empty.", note: "200 characters at most." } });
    expect(await app.database.db.invitation.count()).toBe(0);

    const good = await harness.interact(viewSubmission("invite.form", { count: number("2"), uses: number("5"), days: number(null), tags: tags("vip", "launch"), note: "" }, { privateMetadata: view.private_metadata }));
    expect(good.status).toBe(200);
    const rows = await app.database.db.invitation.findMany();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ maxUses: 5, expiresAt: null, segmentTags: ["vip", "launch"], createdBy: "slack:UMANAGER1" });
    await slack.waitFor("chat.postEphemeral", (c) => JSON.stringify(c.args.blocks).includes("2 invitations created") && JSON.stringify(c.args.blocks).includes(rows[1]!.code));
  });

  it("given a bare /advo cycle settings then a pre-filled modal opens, every invalid field comes back at once, and valid values are saved and audited", async () => {
    const { app, slack } = harness;
    await harness.command(slashCommand("cycle settings"));
    const [opened] = await slack.waitFor("views.open", (c) => JSON.stringify(c.args.view).includes("cycle.form"));
    const view = opened!.args.view as View;
    expect(viewRefusals(view)).toEqual([]);
    expect(element(view, "length")).toMatchObject({ type: "static_select", initial_option: { value: "quarter" } });
    expect(element(view, "expiry")).toMatchObject({ type: "static_select", initial_option: { value: "reset" } });
    expect(element(view, "nextEndsAt")).toMatchObject({ type: "datetimepicker" });
    expect(element(view, "rolloverCap")).toMatchObject({ type: "number_input", min_value: "0" });
    const select = (value: string) => ({ type: "static_select", selected_option: { text: { type: "plain_text", text: value }, value } });
    const number = (value: string | null) => ({ type: "number_input", value });

    const bad = await harness.interact(viewSubmission("cycle.form", { length: select("quarter"), nextEndsAt: { type: "datetimepicker", selected_date_time: null }, bonuses: "500, lots, 100", expiry: select("rollover"), rolloverCap: number(null) }, { privateMetadata: view.private_metadata }));
    expect(await bad.json()).toEqual({ response_action: "errors", errors: {
      bonuses: "Whole numbers of points, separated by commas, e.g. 500, 300, 100 (at most 100 places).",
      rolloverCap: "Enter how many points at most roll over (a whole number, 0 or more).",
    } });

    const good = await harness.interact(viewSubmission("cycle.form", { length: select("semester"), nextEndsAt: { type: "datetimepicker", selected_date_time: null }, bonuses: "500 300 100", expiry: select("rollover"), rolloverCap: number("200") }, { privateMetadata: view.private_metadata }));
    expect(good.status).toBe(200);
    const saved = await app.database.db.programSetting.findUniqueOrThrow({ where: { key: "cycle" } });
    expect(saved.value).toMatchObject({ length: "semester", bonuses: [500, 300, 100], expiry: { policy: "rollover", cap: 200 } });
    expect(await app.database.db.auditLog.count({ where: { action: "cycle.settings", actor: "slack:UMANAGER1", outcome: "ok" } })).toBe(1);
    await slack.waitFor("chat.postEphemeral", (c) => JSON.stringify(c.args.blocks).includes("Cycle settings saved: Half-year; end bonuses 500, 300, 100; points roll over, up to 200 points."));
  });
});
