// The language dimension of a segment (issue 15), pure: empty = everyone, otherwise the reader's
// language must be listed (case ignored); the mission form accepts the four locales only and
// names the field when refusing; the card's phrase names the languages in the reader's language.
import { describe, expect, it } from "vitest";
import { EMPTY_SEGMENT, matchesSegment, readSegment, type SegmentProfile } from "../../src/domain/segment.js";
import { missionData, missionFormValues, parseMissionForm } from "../../src/domain/mission-form.js";
import { languageNameList, languageOptions } from "../../src/engine/segment-languages.js";
import { t } from "../../src/i18n/translate.js";

const reader = (language: string | null): SegmentProfile => ({ region: null, interests: [], tags: [], networks: [], language });
const ctx = { disclosureTag: "#ad", now: new Date("2026-01-01T00:00:00Z") };
const form = (languages: unknown) => ({
  title: "T", brief: "B", hashtags: "#ad", networks: "instagram", points: "10", deadline: "2026-02-01", languages,
});

describe("segment languages", () => {
  it("given no languages then every reader matches, and a stored segment without the key reads as empty", () => {
    expect(readSegment({ regions: ["FR"] }).languages).toEqual([]);
    expect(EMPTY_SEGMENT.languages).toEqual([]);
    expect(matchesSegment(EMPTY_SEGMENT, reader("it"))).toBe(true);
    expect(matchesSegment(EMPTY_SEGMENT, reader(null))).toBe(true);
  });

  it("given languages then only a listed language matches, case ignored, and an unknown one never", () => {
    const seg = { ...EMPTY_SEGMENT, languages: ["ES", "fr"] };
    expect(matchesSegment(seg, reader("es"))).toBe(true);
    expect(matchesSegment(seg, reader("FR"))).toBe(true);
    expect(matchesSegment(seg, reader("en"))).toBe(false);
    expect(matchesSegment(seg, reader(null))).toBe(false);
    // the other dimensions still apply (AND across dimensions)
    expect(matchesSegment({ ...seg, regions: ["MX"] }, { ...reader("es"), region: "AR" })).toBe(false);
  });

  it("given a form or file with languages then known ones are kept lower-case, and an unknown one is refused on the languages field", () => {
    const ok = parseMissionForm(form("ES, fr, es"), ctx);
    if (!ok.ok) throw new Error(JSON.stringify(ok.errors));
    expect(missionData(ok.value).segment.languages).toEqual(["es", "fr"]);
    expect(missionFormValues(missionData(ok.value)).languages).toBe("es, fr");
    const file = parseMissionForm(form(["it"]), ctx);
    expect(file.ok && missionData(file.value).segment.languages).toEqual(["it"]);

    const bad = parseMissionForm(form(["es", "de"]), ctx);
    expect(bad).toEqual({ ok: false, errors: [{ field: "languages", messageId: "manage.form.language_unknown" }] });
    expect(t("en", "manage.form.language_unknown")).toContain("languages");
    expect(parseMissionForm(form("spanish"), ctx).ok).toBe(false);
  });

  it("given a reader's language then the languages are named in it", () => {
    expect(t("en", "lang.target.for_languages", { languages: languageNameList(["es", "fr"], "en") })).toBe("For Spanish and French speakers");
    expect(t("es", "lang.target.for_languages", { languages: languageNameList(["es", "fr"], "es") })).toBe("Para quienes hablan español y francés");
    expect(languageOptions("fr")).toEqual([
      { value: "en", label: "Anglais" }, { value: "es", label: "Espagnol" }, { value: "fr", label: "Français" }, { value: "it", label: "Italien" },
    ]);
  });
});
