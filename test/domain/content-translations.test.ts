// Mission text per language (issue 17): a complete translation is parsed from the flat form fields
// or a file's nested `translations`, an incomplete one is refused per field, and the card and the
// outbox params show each reader their language, else the program's, never a mix.
import { describe, expect, it } from "vitest";
import { parseMissionForm } from "../../src/domain/mission-form.js";
import { flattenTranslations } from "../../src/domain/mission-form-translations.js";
import { missionTitleParam } from "../../src/domain/content-translations.js";
import { missionCard } from "../../src/engine/mission-card.js";
import { toPlainText } from "../../src/engine/message.js";
import { t } from "../../src/i18n/translate.js";

const ctx = { disclosureTag: "#ad", now: new Date("2026-01-01T00:00:00Z"), programLocale: "en" as const };
const base = { title: "Summer drop", brief: "Show the summer line.", dos: "Natural light", hashtags: "#ad", networks: "instagram", points: "100", deadline: "2026-02-01" };

describe("mission translations", () => {
  it("given a complete Spanish translation from a file then the card is all Spanish for es and all English for it", () => {
    const r = parseMissionForm({ ...base, ...flattenTranslations({ es: { title: "Colección de verano", brief: "Enseña la colección.", dos: ["Luz natural"] } }) }, ctx);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.translations).toEqual({ es: { title: "Colección de verano", brief: "Enseña la colección.", dos: ["Luz natural"], donts: [] } });
    const mission = { id: 1, ...r.value, mentions: [], deadline: r.value.deadline };
    const es = toPlainText(missionCard(mission, "es"));
    expect(es).toContain("Colección de verano");
    expect(es).toContain("Luz natural");
    expect(es).not.toContain("Summer drop");
    expect(es).not.toContain("Natural light");
    const it = toPlainText(missionCard(mission, "it"));
    expect(it).toContain("Summer drop");
    expect(it).not.toContain("Colección");
    expect(t("es", "outcome.mission_closed", { title: missionTitleParam(mission) })).toContain("Colección de verano");
    expect(t("fr", "outcome.mission_closed", { title: missionTitleParam(mission) })).toContain("Summer drop");
  });

  it("given an incomplete translation, one in the program's language or an unknown language then each is refused on its field", () => {
    const r = parseMissionForm({ ...base, title_fr: "Collection d’été", title_en: "Again", title_de: "Sommer" }, ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual(expect.arrayContaining([
      { field: "brief_fr", messageId: "lang.form.translation_required" },
      { field: "dos_fr", messageId: "lang.form.translation_mismatch" },
      { field: "title_en", messageId: "lang.form.translation_program_language" },
      { field: "translations", messageId: "lang.form.translation_language" },
    ]));
  });
});
