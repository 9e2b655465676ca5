// A mission file (JSON or YAML) as the mission form's fields: `mission create --file` and
// `mission edit --file` read it.
import { ok, type Result } from "../result.js";
import { flattenTranslations } from "../domain/mission-form-translations.js";
import { readObjectFile } from "./object-file.js";

/** Reads a mission file (JSON or YAML); a nested `segment` is flattened into the form fields. */
export function readMissionFile(path: string): Result<Record<string, unknown>> {
  const file = readObjectFile(path);
  if (!file.ok) return file;
  const { segment, translations, ...rest } = file.value;
  const seg = (segment && typeof segment === "object" ? segment : {}) as Record<string, unknown>;
  return ok({
    ...(seg.regions !== undefined ? { regions: seg.regions } : {}),
    ...(seg.interests !== undefined ? { interests: seg.interests } : {}),
    ...(seg.networks !== undefined ? { segmentNetworks: seg.networks } : {}),
    ...(seg.tags !== undefined ? { tags: seg.tags } : {}),
    ...(seg.tiers !== undefined ? { tiers: seg.tiers } : {}),
    ...(seg.languages !== undefined ? { languages: seg.languages } : {}),
    // translations: { es: { title, brief, dos, donts } } → title_es, brief_es, … (issue 17)
    ...flattenTranslations(translations),
    ...rest,
  });
}
