// The tier modal and the mission form's tier choice on Slack (issue 21). The pure builders in every
// language, longest values and every field in error, against the Block Kit rules Slack applies
// (test/fakes/slack-view-rules.ts, written apart from the adapter's own checker); then the real
// Bolt app against the fake Slack Web API: `/advo tier new` opens native inputs, a bad submit
// comes back with every error under its field, a good one saves (audited), `/advo tier edit` is
// pre-filled, and a reviewer is refused both the modal and a forged submit.
import { describe, expect, it } from "vitest";
import { LOCALES } from "../../../src/config.js";
import { TIER_FORM_FIELDS } from "../../../src/domain/tier-form.js";
import { MISSION_FIELDS } from "../../../src/domain/mission-form.js";
import { tierFormSpec } from "../../../src/engine/manage/tier-form.js";
import { missionFormSpec } from "../../../src/engine/manage/forms.js";
import { readTierProgram } from "../../../src/services/tiers.js";
import { formToView } from "../../../adapters/slack/modal.js";
import { blockKitLimits } from "../../../adapters/slack/blocks/limits.js";
import { viewRefusals } from "../../fakes/slack-view-rules.js";
import { testProviders } from "../../helpers/db.js";
import { numberInput, slashCommand, viewSubmission } from "./slack-requests.js";
import { callText, slackAppPerSuite } from "./slack-app.js";

type View = { callback_id: string; private_metadata: string; blocks: { block_id?: string; element?: { type: string; action_id: string; initial_value?: string; is_decimal_allowed?: boolean; initial_options?: { value: string }[] } }[] };
const long = (n: number) => "Ünïcode tier ✨ ".repeat(Math.ceil(n / 15)).slice(0, n);
const elementOf = (view: View, id: string) => view.blocks.find((b) => b.block_id === id)?.element;

describe("tier modal views", () => {
  it.each(LOCALES)("given the longest values and every field in error in %s then the tier modal is one Slack accepts", (locale) => {
    const values = Object.fromEntries(TIER_FORM_FIELDS.map((f) => [f, long(5000)]));
    const errors = TIER_FORM_FIELDS.map((field) => ({ field, messageId: "growth.tier_modal.err.name" }));
    for (const state of ["new", `edit:${"k".repeat(32)}`]) {
      const view = formToView(tierFormSpec(locale, values, state, errors), { channel: "C".repeat(20), messageTs: "1700000000.000001" });
      expect(viewRefusals(view)).toEqual([]);
      expect(blockKitLimits(view)).toEqual([]);
    }
  });

  it("given the tier form then points and multiplier are number inputs, names and perks text, and the edit form has no key", () => {
    const view = formToView(tierFormSpec("en", { key: "gold", threshold: "1500", multiplier: "1.5", name_en: "Gold" }, "new")) as View;
    expect(elementOf(view, "threshold")).toMatchObject({ type: "number_input", is_decimal_allowed: false, initial_value: "1500" });
    expect(elementOf(view, "multiplier")).toMatchObject({ type: "number_input", is_decimal_allowed: true, initial_value: "1.5" });
    expect(elementOf(view, "name_es")).toMatchObject({ type: "plain_text_input" });
    expect(elementOf(view, "perks_it")).toMatchObject({ type: "plain_text_input", multiline: true });
    const edit = formToView(tierFormSpec("en", { threshold: "1500" }, "edit:gold")) as View;
    expect(edit.blocks.map((b) => b.block_id)).not.toContain("key");
  });

  it.each(LOCALES)("given 100 tiers with long names in %s then the mission form's tier multi-select stays within Slack's rules", (locale) => {
    const options = Array.from({ length: 120 }, (_, i) => ({ value: `tier${i}`, label: long(200) }));
    const values = { ...Object.fromEntries(MISSION_FIELDS.map((f) => [f, long(5000)])), tiers: "tier3, tier7, nope" };
    const view = formToView(missionFormSpec(locale, values, "new", [], "en", options)) as View;
    expect(viewRefusals(view)).toEqual([]);
    expect(elementOf(view, "tiers")).toMatchObject({ type: "multi_static_select", initial_options: [{ value: "tier3" }, { value: "tier7" }] });
  });
});

describe.each(testProviders())("the tier modal on Slack on %s", (provider) => {
  const harness = slackAppPerSuite(provider, {
    env: () => ({ SLACK_MANAGER_CHANNEL: "CMANAGERS" }),
    prepare: (slack) => {
      slack.members = ["UMANAGER1", "UREVIEWER", "UBOT"];
    },
  });
  const openModal = async (text: string, user = "UMANAGER1") => {
    const cmd = slashCommand(text, { user });
    expect((await harness.command(cmd)).status).toBe(200);
    const [open] = await harness.slack.waitFor("views.open", (c) => c.args.trigger_id === cmd.trigger_id);
    const view = open!.args.view as View;
    expect(viewRefusals(view)).toEqual([]);
    return view;
  };

  it("given an admin then a new tier is refused with every error at once, then saved and audited", async () => {
    const db = harness.app.database.db;
    const view = await openModal("tier new");
    expect(view.callback_id).toBe("tier.form");
    expect(elementOf(view, "threshold")?.type).toBe("number_input");

    const bad = await harness.interact(viewSubmission("tier.form", {
      key: "Bad Key!", name_en: "", threshold: numberInput("500"), multiplier: numberInput("9"), perks_fr: long(301),
    }, { privateMetadata: view.private_metadata }));
    expect(await bad.json()).toEqual({
      response_action: "errors",
      errors: {
        key: "Use 1 to 32 letters, digits, - or _.",
        name_en: "A name has 1 to 40 characters; give at least the English one.",
        threshold: "Another tier already needs this many points.",
        multiplier: "A number from 1 to 5 (1.5 = +50%).",
        perks_fr: "Perks have at most 300 characters.",
      },
    });
    expect((await readTierProgram(db)).tiers.map((t) => t.key)).toEqual(["bronze", "silver", "gold"]);

    const good = await harness.interact(viewSubmission("tier.form", {
      key: "platinum", name_en: "Platinum", name_es: "Platino", threshold: numberInput("5000"), multiplier: numberInput("2"), perks_en: "A trip a year",
    }, { privateMetadata: view.private_metadata }));
    expect(good.status).toBe(200);
    await expect.poll(async () => (await readTierProgram(db)).tiers.map((t) => t.key)).toEqual(["bronze", "silver", "gold", "platinum"]);
    const platinum = (await readTierProgram(db)).tiers.find((t) => t.key === "platinum");
    expect(platinum).toMatchObject({ names: { en: "Platinum", es: "Platino" }, threshold: 5000, multiplierPercent: 200, perks: { en: "A trip a year" } });
    expect(await db.auditLog.count({ where: { action: "tiers.set", targetId: "platinum", actor: "slack:UMANAGER1", outcome: "ok" } })).toBe(1);
    const [saved] = await harness.slack.waitFor("chat.postEphemeral", (c) => callText(c).includes("Platinum saved"));
    expect(callText(saved)).toContain("5,000 points, ×2");

    // The same key again is refused on its field.
    const again = await harness.interact(viewSubmission("tier.form", { key: "platinum", name_en: "Again", threshold: numberInput("6000") }, { privateMetadata: view.private_metadata }));
    expect(await again.json()).toMatchObject({ response_action: "errors", errors: { key: expect.stringContaining("/advo tier edit") } });
  });

  it("given an existing tier then /advo tier edit opens it filled in and saves the change", async () => {
    const db = harness.app.database.db;
    const view = await openModal("tier edit gold");
    expect(view.blocks.map((b) => b.block_id)).not.toContain("key");
    expect(elementOf(view, "name_es")?.initial_value).toBe("Oro");
    expect(elementOf(view, "threshold")?.initial_value).toBe("1500");
    const r = await harness.interact(viewSubmission("tier.form", {
      name_en: "Gold", name_es: "Oro", name_fr: "Or", name_it: "Oro", threshold: numberInput("1800"), multiplier: numberInput("1.5"), perks_es: "Acceso anticipado",
    }, { privateMetadata: view.private_metadata }));
    expect(r.status).toBe(200);
    await expect.poll(async () => (await readTierProgram(db)).tiers.find((t) => t.key === "gold")?.threshold).toBe(1800);
    expect((await readTierProgram(db)).tiers.find((t) => t.key === "gold")).toMatchObject({ multiplierPercent: 150, perks: { es: "Acceso anticipado" } });
  });

  it("given a reviewer then the modal is refused and a forged submit changes nothing (audited)", async () => {
    const db = harness.app.database.db;
    await db.manager.update({ where: { platform_externalId: { platform: "slack", externalId: "UREVIEWER" } }, data: { role: "reviewer" } });
    const before = await readTierProgram(db);
    const body = await (await harness.command(slashCommand("tier new", { user: "UREVIEWER" }))).text();
    expect(body).toContain("reviewer");
    const forged = await harness.interact(viewSubmission("tier.form", { key: "vip", name_en: "VIP", threshold: numberInput("9000") }, { user: "UREVIEWER", privateMetadata: JSON.stringify({ s: "new", c: "CMANAGERS" }) }));
    expect(forged.status).toBe(200);
    await expect.poll(() => db.auditLog.count({ where: { actor: "slack:UREVIEWER", action: "tiers.set", outcome: "refused" } })).toBe(2);
    expect(await readTierProgram(db)).toEqual(before);
  });
});
