// Reward text per language (issue 17): for each language other than the program's, `name_es` and
// `description_es` (flat, like the mission form's translation fields; a CLI flag `--name-es` or a
// file's nested `translations: { es: { name, description } }` become them). A language is
// optional, but one that is given is complete — the name, and the description exactly when the
// reward has one — so no reader sees a name in one language and a description in another.
import { LOCALES, type Locale } from "../config.js";
import type { RewardTranslations } from "./content-translations.js";
import type { TranslationError } from "./mission-form-translations.js";

export const REWARD_TRANSLATED_PARTS = ["name", "description"] as const;
export type RewardTranslatedPart = (typeof REWARD_TRANSLATED_PARTS)[number];
export type RewardTranslationField = `${RewardTranslatedPart}_${Locale}`;

const MAX = { name: 120, description: 1000 } as const;

export interface RewardTranslationError {
  field: RewardTranslationField | "translations";
  messageId: TranslationError["messageId"];
}

/**
 * Reads the translation fields of a reward form. `baseDescription`: the reward's own description
 * (a translation has one exactly when the reward has one).
 */
export function parseRewardTranslations(input: Record<string, unknown>, programLocale: Locale, baseDescription: string): { value: RewardTranslations; errors: RewardTranslationError[] } {
  const value: RewardTranslations = {};
  const errors: RewardTranslationError[] = [];
  for (const key of Object.keys(input)) {
    const [part, locale, ...more] = key.split("_");
    const isPart = (REWARD_TRANSLATED_PARTS as readonly string[]).includes(part ?? "");
    if (isPart && locale !== undefined && (more.length || !(LOCALES as readonly string[]).includes(locale))) errors.push({ field: "translations", messageId: "lang.form.translation_language" });
  }
  for (const locale of LOCALES) {
    const read = (part: RewardTranslatedPart) => {
      const v = input[`${part}_${locale}`];
      return typeof v === "string" ? v.trim() : v;
    };
    const name = read("name");
    const description = read("description");
    if (!name && !description) continue;
    const err = (part: RewardTranslatedPart, messageId: string) => errors.push({ field: `${part}_${locale}`, messageId });
    if (locale === programLocale) {
      err("name", "lang.form.translation_program_language");
      continue;
    }
    const before = errors.length;
    if (!name) err("name", "lang.form.reward_translation_required");
    else if (typeof name !== "string") err("name", "manage.form.text");
    else if (name.length > MAX.name) err("name", "manage.form.too_long");
    if (description !== undefined && description !== null && typeof description !== "string") err("description", "manage.form.text");
    else if (typeof description === "string" && description.length > MAX.description) err("description", "manage.form.too_long");
    else if (Boolean(baseDescription.trim()) !== Boolean(description)) err("description", baseDescription.trim() ? "lang.form.reward_description_required" : "lang.form.translation_mismatch");
    if (errors.length === before) value[locale] = { name: name as string, description: (description as string | undefined) ?? "" };
  }
  return { value, errors };
}
