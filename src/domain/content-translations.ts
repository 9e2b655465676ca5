// Mission and reward text per language (issue 17). The mission's own columns (title, brief, dos,
// donts) and the reward's (name, description) are in the program's DEFAULT_LOCALE and required;
// `translations` holds the other languages, each one complete (title and brief, and the do's and
// don'ts when the mission has them), so a reader sees one language per card, never a mix: their
// translation if there is one, else the program's text.
import { z } from "zod";
import { LOCALES, type Locale } from "../config.js";
import type { LocalizedText } from "../i18n/localized-text.js";

const text = z.string().trim().min(1);
const missionTranslationSchema = z.object({
  title: text,
  brief: text,
  dos: z.array(text).default([]),
  donts: z.array(text).default([]),
});
const rewardTranslationSchema = z.object({ name: text, description: z.string().trim().default("") });

export const missionTranslationsSchema = z.partialRecord(z.enum(LOCALES), missionTranslationSchema);
export const rewardTranslationsSchema = z.partialRecord(z.enum(LOCALES), rewardTranslationSchema);
export type MissionTranslations = z.output<typeof missionTranslationsSchema>;
export type RewardTranslations = z.output<typeof rewardTranslationsSchema>;

/** The stored JSON (null, or a row written by an older version) as translations; bad rows read as none. */
export function readMissionTranslations(json: unknown): MissionTranslations {
  const r = missionTranslationsSchema.safeParse(json ?? {});
  return r.success ? r.data : {};
}

export function readRewardTranslations(json: unknown): RewardTranslations {
  const r = rewardTranslationsSchema.safeParse(json ?? {});
  return r.success ? r.data : {};
}

const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);

export interface MissionText {
  title: string;
  brief: string;
  dos: string[];
  donts: string[];
}

type MissionContent = { title: string; brief: string; dos: unknown; donts: unknown; translations?: unknown };
type RewardContent = { name: string; description: string; translations?: unknown };

/** The mission's text a reader of `locale` sees: all of it from their translation, or all of it from the program's. */
export function missionTextFor(m: MissionContent, locale: Locale): MissionText {
  const tr = readMissionTranslations(m.translations)[locale];
  return tr ?? { title: m.title, brief: m.brief, dos: list(m.dos), donts: list(m.donts) };
}

export function rewardTextFor(r: RewardContent, locale: Locale): { name: string; description: string } {
  return readRewardTranslations(r.translations)[locale] ?? { name: r.name, description: r.description };
}

/** The mission title as a message param each reader sees in their language (JSON-safe). */
export function missionTitleParam(m: { title: string; translations?: unknown }): LocalizedText | string {
  const entries = Object.entries(readMissionTranslations(m.translations)).map(([l, tr]) => [l, tr!.title]);
  return entries.length ? { $text: m.title, $tr: Object.fromEntries(entries) } : m.title;
}

export function rewardNameParam(r: { name: string; translations?: unknown }): LocalizedText | string {
  const entries = Object.entries(readRewardTranslations(r.translations)).map(([l, tr]) => [l, tr!.name]);
  return entries.length ? { $text: r.name, $tr: Object.fromEntries(entries) } : r.name;
}

/** Languages (other than the program's) a mission or reward has no translation for. */
export function missingLanguages(translations: unknown, kind: "mission" | "reward", wanted: readonly Locale[], programLocale: Locale): Locale[] {
  const have = kind === "mission" ? readMissionTranslations(translations) : readRewardTranslations(translations);
  return wanted.filter((l) => l !== programLocale && !have[l]);
}

/** Just the title a reader of `locale` sees (rows selected without translations read as the program's). */
export function missionTitleFor(m: { title: string; translations?: unknown }, locale: Locale): string {
  return readMissionTranslations(m.translations)[locale]?.title ?? m.title;
}
