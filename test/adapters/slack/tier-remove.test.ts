// Removing a tier from Slack (stop 27), the real Bolt app against the fake Slack Web API:
// `/advo tier remove KEY` never removes at once — it names the missions that list the tier and
// asks, with a Confirm button (Slack's own dialog too) and Cancel; the tier modal of an existing
// tier has a Remove button that asks the same way, answered in the channel the modal came from;
// a mission that lists the tier after the question makes Confirm ask again; reviewers are refused.
import { describe, expect, it } from "vitest";
import { testProviders } from "../../helpers/db.js";
import { readTierProgram } from "../../../src/services/tiers.js";
import { createMissionDraft } from "../../../src/services/missions-admin.js";
import { missionValues } from "../../services/manage/fixtures.js";
import { viewRefusals } from "../../fakes/slack-view-rules.js";
import { blockAction, slashCommand } from "./slack-requests.js";
import { callText, commandAnswers, slackAppPerSuite } from "./slack-app.js";

type Element = { type: string; action_id: string; value?: string; style?: string; confirm?: { text: { text: string } } };
type View = { callback_id: string; private_metadata: string; blocks: { type: string; elements?: Element[] }[] };

let pressed = 0;
/** A press on a button inside an open modal, as Slack sends it: no channel, the view instead. */
const inModal = (actionId: string, value: string, privateMetadata: string, user = "UMANAGER1") => ({
  type: "block_actions",
  user: { id: user, username: "maria", name: "maria", team_id: "T0001" },
  api_app_id: "A0001",
  token: "legacy-verification-token",
  container: { type: "view", view_id: "V-tier" },
  trigger_id: `${Date.now()}.${++pressed}.modal-trigger`,
  team: { id: "T0001", domain: "fake" },
  view: { id: "V-tier", type: "modal", callback_id: "tier.form", private_metadata: privateMetadata, state: { values: {} } },
  actions: [{ action_id: actionId, block_id: "b1", value, type: "button", action_ts: "1700000001.000200" }],
});

describe.each(testProviders())("removing a tier on Slack on %s", (provider) => {
  const harness = slackAppPerSuite(provider, {
    env: () => ({ SLACK_MANAGER_CHANNEL: "CMANAGERS", MANAGERS: "slack:UMANAGER1" }),
    prepare: (slack) => {
      slack.members = ["UMANAGER1", "UREVIEWER", "UBOT"];
    },
  });
  const answer = commandAnswers(harness, "UMANAGER1", "answer");
  const buttonsOf = (body: string) => (JSON.parse(body) as { blocks: { elements?: Element[] }[] }).blocks.flatMap((b) => b.elements ?? []);
  const press = async (button: Element, name: string) => {
    await harness.interact(blockAction(button.action_id, button.value, { ephemeral: true, responseUrl: harness.slack.responseUrl(name) }));
    const [r] = await harness.slack.waitFor(`respond:${name}`);
    return callText(r);
  };
  const keys = async () => (await readTierProgram(harness.app.database.db)).tiers.map((t) => t.key);
  const draft = async (title: string, tiers: string) => {
    const m = await createMissionDraft(harness.app.deps, "slack:UMANAGER1", missionValues({ title, deadline: "2027-03-01T00:00:00Z", tiers }));
    if (!m.ok) throw new Error(JSON.stringify(m));
    return m.value;
  };

  it("given a mission that lists silver then /advo tier remove names it and asks; Cancel keeps the tier, Confirm removes it (audited)", async () => {
    const m = await draft("Silver sprint", "silver, gold");
    const ask = await answer("tier remove silver");
    expect(ask).toContain("Remove the tier Silver (silver, from 500 points)?");
    expect(ask).toContain(`This mission lists it: #${m.id} “Silver sprint” (draft).`);
    expect(ask).not.toContain("--force");
    const [confirm, cancel] = buttonsOf(ask);
    expect(confirm).toMatchObject({ style: "danger", confirm: { text: { text: expect.stringContaining(`#${m.id}`) } } });
    expect(await keys()).toEqual(["bronze", "silver", "gold"]);

    expect(await press(cancel!, "cancel1")).toContain("Cancelled");
    expect(await press(confirm!, "confirm-after-cancel")).toContain("no longer valid");
    expect(await keys()).toEqual(["bronze", "silver", "gold"]);

    const again = buttonsOf(await answer("tier remove silver"))[0]!;
    const done = await press(again, "confirm1");
    expect(done).toContain("Tier Silver removed by <@UMANAGER1>.");
    expect(done).toContain(`#${m.id} “Silver sprint” (draft)`);
    expect(await keys()).toEqual(["bronze", "gold"]);
    expect(await harness.app.database.db.auditLog.count({ where: { action: "tiers.remove", targetId: "silver", actor: "slack:UMANAGER1", outcome: "ok" } })).toBe(1);
    expect(await answer("tier remove bronze")).toContain("No mission lists it.");
    expect(await keys()).toEqual(["bronze", "gold"]);
  });

  it("given the gold modal then its Remove button asks in the channel it came from, and a mission listing gold since the question makes Confirm ask again", async () => {
    const cmd = slashCommand("tier edit gold", { channel: "CMANAGERS" });
    await harness.command(cmd);
    const [open] = await harness.slack.waitFor("views.open", (c) => c.args.trigger_id === cmd.trigger_id);
    const view = open!.args.view as View;
    expect(viewRefusals(view)).toEqual([]);
    const remove = view.blocks.filter((b) => b.type === "actions").flatMap((b) => b.elements ?? []);
    expect(remove).toMatchObject([{ type: "button", value: "gold", style: "danger" }]);

    await harness.interact(inModal(remove[0]!.action_id, remove[0]!.value!, view.private_metadata));
    const [asked] = await harness.slack.waitFor("chat.postEphemeral", (c) => c.args.channel === "CMANAGERS" && callText(c).includes("Remove the tier Gold"));
    // the first test's mission lists gold too
    expect(callText(asked)).toContain("“Silver sprint” (draft)");
    const confirm = ((asked!.args.blocks as { elements?: Element[] }[]).flatMap((b) => b.elements ?? []))[0]!;

    const m = await draft("Gold rush", "gold");
    await harness.interact(blockAction(confirm.action_id, confirm.value, { ephemeral: true, responseUrl: harness.slack.responseUrl("gold1") }));
    const [reasked] = await harness.slack.waitFor("respond:gold1");
    expect(callText(reasked)).toContain("Other missions list this tier since you were asked");
    expect(callText(reasked)).toContain(`These 2 missions list it: #${m.id - 1} “Silver sprint” (draft), #${m.id} “Gold rush” (draft).`);
    expect(await keys()).toContain("gold");
  });

  it("given a reviewer then /advo tier remove, the modal's button and a forged Confirm are refused and nothing is removed", async () => {
    const db = harness.app.database.db;
    await db.manager.update({ where: { platform_externalId: { platform: "slack", externalId: "UREVIEWER" } }, data: { role: "reviewer" } });
    const before = await keys();
    expect(await answer("tier remove bronze", "UREVIEWER")).toContain("reviewer");
    await harness.interact(inModal("tier.remove", "bronze", JSON.stringify({ s: "edit:bronze", c: "CMANAGERS" }), "UREVIEWER"));
    await harness.interact(blockAction("tier.rm_confirm~0", "0123456789ab", { user: "UREVIEWER", ephemeral: true, responseUrl: harness.slack.responseUrl("forged") }));
    await harness.slack.waitFor("respond:forged");
    await expect.poll(() => db.auditLog.count({ where: { actor: "slack:UREVIEWER", action: "tiers.remove", outcome: "refused" } })).toBe(3);
    expect(await keys()).toEqual(before);
  });
});
