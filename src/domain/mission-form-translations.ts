// The translation fields of the mission form (issue 17): for each language other than the
// program's, `title_es`, `brief_es`, `dos_es`, `donts_es` (flat, so a modal can carry them like any
// field; a CLI/YAML file's nested `translations: { es: { title, brief, dos, donts } }` is
// flattened into them). A language is optional, but one that is given is complete: title and
// brief, and the do's and don'ts whenever the mission has them, so no card mixes two languages.
import { LOCALES, type Locale } from "../config.js";
import type { MissionTranslations } from "./content-translations.js";

export const TRANSLATED_PARTS = ["title", "brief", "dos", "donts"] as const;
export type TranslatedPart = (typeof TRANSLATED_PARTS)[number];
export type TranslationField = `${TranslatedPart}_${Locale}`;

export const translationField = (part: TranslatedPart, locale: Locale): TranslationField => `${part}_${locale}`;

/** The translation field ids offered for a program, in display order (language by language). */
export function translationFields(programLocale: Locale): TranslationField[] {
  return LOCALES.filter((l) => l !== programLocale).flatMap((l) => TRANSLATED_PARTS.map((p) => translationField(p, l)));
}

export function isTranslationField(id: string): id is TranslationField {
  const [part, locale] = id.split("_");
  return (TRANSLATED_PARTS as readonly string[]).includes(part ?? "") && (LOCALES as readonly string[]).includes(locale ?? "") && id.split("_").length === 2;
}

const MAX = { title: 120, brief: 3000 } as const;

function lines(v: unknown): string[] | undefined {
  if (v === undefined || v === null || v === "") return [];
  if (typeof v === "string") return v.split("\n").map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v.map((s) => s.trim()).filter(Boolean);
  return undefined;
}

/**
 * A file's nested translations as flat form fields (unknown languages are kept, to be refused).
 * `bare`: the part a language given as a plain string stands for (a mission's title, a reward's name).
 */
export function flattenTranslations(nested: unknown, bare = "title"): Record<string, unknown> {
  if (!nested || typeof nested !== "object" || Array.isArray(nested)) return {};
  const out: Record<string, unknown> = {};
  for (const [locale, parts] of Object.entries(nested as Record<string, unknown>)) {
    if (!parts || typeof parts !== "object") {
      out[`${bare}_${locale}`] = parts;
      continue;
    }
    for (const [part, value] of Object.entries(parts as Record<string, unknown>)) out[`${part}_${locale}`] = value;
  }
  return out;
}

export interface TranslationError {
  field: TranslationField | "translations";
  messageId: string;
}

/**
 * Reads the translation fields of a form. `base`: the mission's own do's and don'ts (a translation
 * must have them exactly when the mission has them).
 */
export function parseTranslations(input: Record<string, unknown>, programLocale: Locale, base: { dos: string[]; donts: string[] }): { value: MissionTranslations; errors: TranslationError[] } {
  const value: MissionTranslations = {};
  const errors: TranslationError[] = [];
  for (const key of Object.keys(input)) {
    const [part, locale] = key.split("_");
    if ((TRANSLATED_PARTS as readonly string[]).includes(part ?? "") && locale !== undefined && !isTranslationField(key)) errors.push({ field: "translations", messageId: "lang.form.translation_language" });
  }
  for (const locale of LOCALES) {
    const raw = Object.fromEntries(TRANSLATED_PARTS.map((p) => [p, input[translationField(p, locale)]]));
    const title = typeof raw.title === "string" ? raw.title.trim() : raw.title;
    const brief = typeof raw.brief === "string" ? raw.brief.trim() : raw.brief;
    const dos = lines(raw.dos);
    const donts = lines(raw.donts);
    const given = Boolean(title) || Boolean(brief) || Boolean(dos?.length) || Boolean(donts?.length);
    if (!given) continue;
    const err = (part: TranslatedPart, messageId: string) => errors.push({ field: translationField(part, locale), messageId });
    if (locale === programLocale) {
      err("title", "lang.form.translation_program_language");
      continue;
    }
    const before = errors.length;
    for (const [part, v] of [["title", title], ["brief", brief]] as const) {
      if (!v) err(part, "lang.form.translation_required");
      else if (typeof v !== "string") err(part, "manage.form.text");
      else if (v.length > MAX[part]) err(part, "manage.form.too_long");
    }
    for (const [part, v, has] of [["dos", dos, base.dos.length > 0], ["donts", donts, base.donts.length > 0]] as const) {
      if (v === undefined) err(part, "manage.form.list");
      else if (v.length > 30) err(part, "manage.form.too_many");
      else if (v.some((x) => x.length > 300)) err(part, "manage.form.too_long");
      else if (has !== v.length > 0) err(part, "lang.form.translation_mismatch");
    }
    if (errors.length === before) value[locale] = { title: title as string, brief: brief as string, dos: dos!, donts: donts! };
  }
  return { value, errors };
}

/** Form values (strings) of stored translations, for every language (blank where none). */
export function translationFormValues(translations: MissionTranslations): Record<TranslationField, string> {
  const out = {} as Record<TranslationField, string>;
  for (const locale of LOCALES) {
    const tr = translations[locale];
    out[translationField("title", locale)] = tr?.title ?? "";
    out[translationField("brief", locale)] = tr?.brief ?? "";
    out[translationField("dos", locale)] = tr?.dos.join("\n") ?? "";
    out[translationField("donts", locale)] = tr?.donts.join("\n") ?? "";
  }
  return out;
}
