// The broadcast modal's Languages, like the mission modal's: a multi_static_select of the four
// languages named in the manager's language, within Slack's rules in every language; the real
// Bolt app against the fake Slack Web API: the chosen languages filter the preview's count, and a
// forged unknown language comes back as an error under the field, naming it.
import { describe, expect, it } from "vitest";
import { LOCALES } from "../../../src/config.js";
import { broadcastFormSpec } from "../../../src/engine/manage/forms.js";
import { formToView } from "../../../adapters/slack/modal.js";
import { blockKitLimits } from "../../../adapters/slack/blocks/limits.js";
import { viewRefusals } from "../../fakes/slack-view-rules.js";
import { testProviders } from "../../helpers/db.js";
import { seedInfluencer } from "../../services/manage/fixtures.js";
import { chosen, slashCommand, viewSubmission } from "./slack-requests.js";
import { callText, slackAppPerSuite } from "./slack-app.js";

type Option = { text: { text: string }; value: string };
type View = { private_metadata: string; blocks: { block_id?: string; label?: { text: string }; element?: { type: string; options?: Option[]; initial_options?: Option[] } }[] };
const long = (n: number) => "Ünïcode ✨ ".repeat(Math.ceil(n / 10)).slice(0, n);
const elementOf = (view: View, id: string) => view.blocks.find((b) => b.block_id === id)?.element;

describe("the broadcast modal's languages", () => {
  it.each(LOCALES)("given the longest values and an error under languages in %s then Languages is a multi-select of the four and the modal passes Slack's rules", (locale) => {
    const values = { text: long(9000), regions: long(5000), interests: long(5000), networks: "instagram", tags: long(5000), languages: "it, ES, de" };
    const view = formToView(broadcastFormSpec(locale, values, { field: "languages", text: long(3000) }), { channel: "C".repeat(20) }) as View;
    expect(viewRefusals(view)).toEqual([]);
    expect(blockKitLimits(view)).toEqual([]);
    const element = elementOf(view, "languages");
    expect(element?.type).toBe("multi_static_select");
    expect(element?.options?.map((o) => o.value)).toEqual(["en", "es", "fr", "it"]);
    expect(element?.initial_options?.map((o) => o.value)).toEqual(["es", "it"]);
  });

  it("given a French-speaking manager then the languages are named in French", () => {
    const view = formToView(broadcastFormSpec("fr")) as View;
    expect(view.blocks.find((b) => b.block_id === "languages")?.label?.text).toBe("Langues (vide = tout le monde)");
    expect(elementOf(view, "languages")?.options?.map((o) => o.text.text)).toEqual(["Anglais", "Espagnol", "Français", "Italien"]);
  });
});

describe.each(testProviders())("the broadcast modal's languages on Slack on %s", (provider) => {
  const harness = slackAppPerSuite(provider, {
    env: () => ({ SLACK_MANAGER_CHANNEL: "CMANAGERS" }),
    prepare: (slack) => {
      slack.members = ["UMANAGER1", "UBOT"];
    },
  });

  it("given Spanish, Italian and English readers then choosing Spanish and Italian previews for two, and a forged language is refused under the field", async () => {
    const db = harness.app.database.db;
    await seedInfluencer(db, { locale: "es" });
    await seedInfluencer(db, { locale: "it" });
    await seedInfluencer(db, { locale: "en" });
    const cmd = slashCommand("broadcast");
    expect((await harness.command(cmd)).status).toBe(200);
    const [open] = await harness.slack.waitFor("views.open", (c) => c.args.trigger_id === cmd.trigger_id);
    const view = open!.args.view as View;
    expect(elementOf(view, "languages")?.type).toBe("multi_static_select");

    const good = await harness.interact(viewSubmission("broadcast.form", { text: "¡Nueva misión!", languages: chosen("es", "it") }, { privateMetadata: view.private_metadata }));
    expect(good.status).toBe(200);
    const [preview] = await harness.slack.waitFor("chat.postEphemeral", (c) => callText(c).includes("Send to 2"));
    expect(callText(preview)).toContain("Nueva misión");

    const drafts = await db.programSetting.count({ where: { key: { startsWith: "broadcast:" } } });
    const forged = await harness.interact(viewSubmission("broadcast.form", { text: "Hallo", languages: chosen("es", "de") }, { privateMetadata: view.private_metadata }));
    expect(await forged.json()).toEqual({ response_action: "errors", errors: { languages: "Unknown language in languages: de. Use en, es, fr, it." } });
    expect(await db.programSetting.count({ where: { key: { startsWith: "broadcast:" } } })).toBe(drafts);
  });
});
