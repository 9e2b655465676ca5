// The mission modal's Languages (issue 15): a multi_static_select of the four languages named in
// the manager's language, the mission's languages pre-chosen, within Slack's rules with every
// other field at its longest; the chosen values go back as the text the engine's schema reads.
import { describe, expect, it } from "vitest";
import { LOCALES } from "../../../src/config.js";
import { MISSION_FIELDS, parseMissionForm } from "../../../src/domain/mission-form.js";
import { missionFormSpec } from "../../../src/engine/manage/forms.js";
import { formToView } from "../../../adapters/slack/modal.js";
import { blockKitLimits } from "../../../adapters/slack/blocks/limits.js";
import { textValue } from "../../../adapters/slack/blocks/native-fields.js";
import { viewRefusals } from "../../fakes/slack-view-rules.js";

type Option = { text: { text: string }; value: string };
type View = { blocks: { block_id?: string; label?: { text: string }; element?: { type: string; options?: Option[]; initial_options?: Option[] } }[] };
const long = (n: number) => "Ünïcode ✨ ".repeat(Math.ceil(n / 10)).slice(0, n);
const blockOf = (view: View, id: string) => view.blocks.find((b) => b.block_id === id);

describe("the mission modal's languages", () => {
  it.each(LOCALES)("given the longest mission in %s then Languages is a multi-select of the four languages and the modal passes Slack's rules", (locale) => {
    const values = { ...Object.fromEntries(MISSION_FIELDS.map((f) => [f, long(5000)])), languages: "es, FR, de" };
    const view = formToView(missionFormSpec(locale, values, "new")) as View;
    expect(viewRefusals(view)).toEqual([]);
    expect(blockKitLimits(view)).toEqual([]);
    const element = blockOf(view, "languages")?.element;
    expect(element?.type).toBe("multi_static_select");
    expect(element?.options?.map((o) => o.value)).toEqual(["en", "es", "fr", "it"]);
    expect(element?.initial_options?.map((o) => o.value)).toEqual(["es", "fr"]);
  });

  it("given a Spanish-speaking manager then the languages are named in Spanish, and the chosen ones come back as a list the form accepts", () => {
    const view = formToView(missionFormSpec("es", {}, "new")) as View;
    expect(blockOf(view, "languages")?.label?.text).toBe("Idiomas (vacío = todos)");
    expect(blockOf(view, "languages")?.element?.options?.map((o) => o.text.text)).toEqual(["Inglés", "Español", "Francés", "Italiano"]);
    const submitted = textValue("languages", { type: "multi_static_select", selected_options: [{ value: "es" }, { value: "it" }] });
    expect(submitted).toBe("es, it");
    const parsed = parseMissionForm({ title: "T", brief: "B", hashtags: "#ad", networks: "instagram", points: "5", deadline: "2026-02-01", languages: submitted }, { disclosureTag: "#ad", now: new Date("2026-01-01T00:00:00Z") });
    expect(parsed.ok && parsed.value.languages).toEqual(["es", "it"]);
  });
});
