// The mission form (pure): one zod schema shared by the manager form (string values from a
// modal), the CLI file (JSON/YAML with real lists and numbers) and edits. Every problem names
// its field and carries a message id (manage.form.*), so each surface can show it next to it.
import { z } from "zod";
import type { Locale } from "../config.js";
import { isValidLandingUrl } from "./tracking.js";
import { readMissionTranslations, type MissionTranslations } from "./content-translations.js";
import { LOCALES } from "../config.js";
import type { Tier } from "./tiers.js";
import { parseTranslations, TRANSLATED_PARTS, translationField, translationFormValues, type TranslationField } from "./mission-form-translations.js";

export const MISSION_NETWORKS = ["instagram", "tiktok", "youtube", "x", "facebook", "twitch", "linkedin"] as const;

/** Form field ids, in display order. */
export const MISSION_FIELDS = [
  "title", "brief", "dos", "donts", "hashtags", "mentions", "networks", "points",
  "startsAt", "deadline", "cap", "regions", "interests", "segmentNetworks", "tags", "landingUrl", "discountPrefix",
  "pointsPerConversion", "tiers", "languages",
] as const;
/** A form field: the mission's own (in the program's language) or a translation (`title_es`). */
export type MissionField = (typeof MISSION_FIELDS)[number] | TranslationField;
/** Every field id, translations of every language included (for values and "what changed"). */
export const ALL_MISSION_FIELDS: MissionField[] = [...MISSION_FIELDS, ...LOCALES.flatMap((l) => TRANSLATED_PARTS.map((p) => translationField(p, l)))];

export interface FieldError {
  field: MissionField | "translations";
  /** message id, e.g. manage.form.required */
  messageId: string;
}

/** Lists arrive as arrays (file) or as text split on newlines/commas (form). */
const listOf = (splitOnComma: boolean) =>
  z.preprocess(
    (v) => {
      if (v === undefined || v === null) return [];
      if (typeof v === "string") return v.split(splitOnComma ? /[\n,]/ : /\n/).map((s) => s.trim()).filter(Boolean);
      return v;
    },
    z.array(z.string({ error: "manage.form.text" }).trim().min(1, { error: "manage.form.required" }).max(300, { error: "manage.form.too_long" }), { error: "manage.form.list" }).max(30, { error: "manage.form.too_many" }),
  );

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
/** A bare day means its start (startsAt) or its last second (deadline), in UTC. */
const dateAt = (bareDayTime: string) => z.preprocess(
  (v) => (typeof v === "string" && v.trim() ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(v.trim()) ? `${v.trim()}T${bareDayTime}Z` : v.trim()) : v),
  z.date({ error: "manage.form.date" }).refine((d) => !Number.isNaN(d.getTime()), { error: "manage.form.date" }),
);

export const missionFormSchema = z.object({
  title: z.string({ error: "manage.form.required" }).trim().min(1, { error: "manage.form.required" }).max(120, { error: "manage.form.too_long" }),
  brief: z.string({ error: "manage.form.required" }).trim().min(1, { error: "manage.form.required" }).max(3000, { error: "manage.form.too_long" }),
  dos: listOf(false),
  donts: listOf(false),
  hashtags: listOf(true).transform((xs) => xs.map((h) => (h.startsWith("#") ? h : `#${h}`))).refine((xs) => xs.every((h) => /^#[\p{L}\p{N}_]+$/u.test(h)), { error: "manage.form.hashtag" }),
  mentions: listOf(true).transform((xs) => xs.map((m) => (m.startsWith("@") ? m : `@${m}`))).refine((xs) => xs.every((m) => /^@[\w.]+$/.test(m)), { error: "manage.form.mention" }),
  networks: listOf(true)
    .transform((xs) => xs.map((x) => x.toLowerCase()))
    .refine((xs) => xs.length > 0, { error: "manage.form.networks_required" })
    .refine((xs) => xs.every((x) => (MISSION_NETWORKS as readonly string[]).includes(x)), { error: "manage.form.network_unknown" }),
  points: z.preprocess(blankToUndefined, z.coerce.number({ error: "manage.form.number" }).int({ error: "manage.form.number" }).min(1, { error: "manage.form.points_range" }).max(1_000_000, { error: "manage.form.points_range" })),
  startsAt: z.preprocess(blankToUndefined, dateAt("00:00:00").optional()),
  deadline: z.preprocess(blankToUndefined, dateAt("23:59:59")),
  cap: z.preprocess(blankToUndefined, z.coerce.number({ error: "manage.form.number" }).int({ error: "manage.form.number" }).min(1, { error: "manage.form.cap_range" }).optional()),
  regions: listOf(true),
  interests: listOf(true),
  segmentNetworks: listOf(true).transform((xs) => xs.map((x) => x.toLowerCase())),
  tags: listOf(true),
  // Tier keys (or tier names, resolved with the program's list in parseMissionForm); empty = every tier.
  tiers: listOf(true),
  // Locales (issue 15): only people the bot speaks to in one of these; empty = every language.
  languages: listOf(true)
    .transform((xs) => [...new Set(xs.map((x) => x.toLowerCase()))])
    .refine((xs) => xs.every((x) => (LOCALES as readonly string[]).includes(x)), { error: "manage.form.language_unknown" }),
  // Measurement (issue 13): where each influencer's personal tracking link leads, and the prefix
  // of their generated discount codes (SUMMER → SUMMER-7KQ2XD).
  landingUrl: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() || undefined : v ?? undefined),
    z.string({ error: "manage.form.landing_url" }).refine(isValidLandingUrl, { error: "manage.form.landing_url" }).optional(),
  ),
  discountPrefix: z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toUpperCase() || undefined : v ?? undefined),
    z.string({ error: "manage.form.discount_prefix" }).regex(/^[A-Z0-9]{2,16}$/, { error: "manage.form.discount_prefix" }).optional(),
  ),
  // points per sale attributed to the influencer (their code or link); blank = 0 = none
  pointsPerConversion: z.preprocess(
    blankToUndefined,
    z.coerce.number({ error: "manage.form.points_per_conversion" }).int({ error: "manage.form.points_per_conversion" })
      .min(0, { error: "manage.form.points_per_conversion" }).max(1_000_000, { error: "manage.form.points_per_conversion" }).optional(),
  ),
});
export type MissionForm = z.output<typeof missionFormSchema> & { translations: MissionTranslations };

export interface MissionFormContext {
  /** DISCLOSURE_TAG: always required among the hashtags */
  disclosureTag: string;
  now: Date;
  /** DEFAULT_LOCALE: the language of the mission's own fields; the others are translations */
  programLocale?: Locale;
  /** the program's tiers: a tier may be given by key or by any of its names; others are refused */
  tiers?: readonly Tier[];
}

/** Tier keys for what the manager typed or picked (a key or a name in any language), or null when one is unknown. */
function tierKeys(given: string[], tiers: readonly Tier[] | undefined): string[] | null {
  if (!tiers) return given.map((g) => g.toLowerCase());
  const keys: string[] = [];
  for (const g of given) {
    const wanted = g.trim().toLowerCase();
    const tier = tiers.find((t) => t.key === wanted || Object.values(t.names).some((n) => n?.toLowerCase() === wanted));
    if (!tier) return null;
    if (!keys.includes(tier.key)) keys.push(tier.key);
  }
  return keys;
}

const looseLines = (v: unknown) => (Array.isArray(v) ? v.filter((x) => typeof x === "string" && x.trim()) : typeof v === "string" ? v.split("\n").filter((x) => x.trim()) : []) as string[];

/** Validates raw values; returns every field error at once (not just the first). */
export function parseMissionForm(values: unknown, ctx: MissionFormContext): { ok: true; value: MissionForm } | { ok: false; errors: FieldError[] } {
  // Anything but a plain object (an array, a string) is a form with every field missing.
  const input = values && typeof values === "object" && !Array.isArray(values) ? values : {};
  const r = missionFormSchema.safeParse(input);
  const errors: FieldError[] = [];
  if (!r.success) {
    for (const issue of r.error.issues) {
      const field = issue.path[0] as MissionField;
      if (!errors.some((e) => e.field === field)) errors.push({ field, messageId: issue.message.startsWith("manage.form.") ? issue.message : "manage.form.invalid" });
    }
  }
  const base = r.success ? r.data : { dos: looseLines((input as Record<string, unknown>).dos), donts: looseLines((input as Record<string, unknown>).donts) };
  const translations = parseTranslations(input as Record<string, unknown>, ctx.programLocale ?? "en", base);
  errors.push(...translations.errors);
  if (r.success) {
    const keys = tierKeys(r.data.tiers, ctx.tiers);
    if (!keys) errors.push({ field: "tiers", messageId: "growth.form.tier_unknown" });
    const v = { ...r.data, tiers: keys ?? [], translations: translations.value };
    const disclosure = ctx.disclosureTag.toLowerCase();
    if (!v.hashtags.some((h) => h.toLowerCase() === disclosure)) errors.push({ field: "hashtags", messageId: "manage.form.disclosure" });
    if (v.deadline.getTime() <= ctx.now.getTime()) errors.push({ field: "deadline", messageId: "manage.form.deadline_past" });
    else if (v.startsAt && v.startsAt.getTime() >= v.deadline.getTime()) errors.push({ field: "deadline", messageId: "manage.form.deadline_before_start" });
    if (!errors.length) return { ok: true, value: v };
  }
  return { ok: false, errors };
}

/** Mission columns for a valid form. */
export function missionData(v: MissionForm) {
  return {
    title: v.title,
    brief: v.brief,
    dos: v.dos,
    donts: v.donts,
    hashtags: v.hashtags,
    mentions: v.mentions,
    networks: v.networks,
    points: v.points,
    startsAt: v.startsAt ?? null,
    deadline: v.deadline,
    cap: v.cap ?? null,
    segment: { regions: v.regions, interests: v.interests, networks: v.segmentNetworks, tags: v.tags, tiers: v.tiers, languages: v.languages },
    landingUrl: v.landingUrl ?? null,
    discountPrefix: v.discountPrefix ?? null,
    pointsPerConversion: v.pointsPerConversion ?? 0,
    translations: v.translations,
  };
}

type MissionLike = {
  title: string; brief: string; dos: unknown; donts: unknown; hashtags: unknown; mentions: unknown; networks: unknown;
  points: number; startsAt: Date | null; deadline: Date; cap: number | null; segment: unknown;
  landingUrl?: string | null; discountPrefix?: string | null; pointsPerConversion?: number; translations?: unknown;
};

const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);

/** Form values (strings) for an existing mission: the edit form's initial values. */
export function missionFormValues(m: MissionLike): Record<MissionField, string> {
  const seg = (m.segment ?? {}) as Record<string, unknown>;
  return {
    title: m.title,
    brief: m.brief,
    dos: list(m.dos).join("\n"),
    donts: list(m.donts).join("\n"),
    hashtags: list(m.hashtags).join(" , ").replace(/ , /g, ", "),
    mentions: list(m.mentions).join(", "),
    networks: list(m.networks).join(", "),
    points: String(m.points),
    startsAt: m.startsAt ? m.startsAt.toISOString() : "",
    deadline: m.deadline.toISOString(),
    cap: m.cap === null ? "" : String(m.cap),
    regions: list(seg.regions).join(", "),
    interests: list(seg.interests).join(", "),
    segmentNetworks: list(seg.networks).join(", "),
    tags: list(seg.tags).join(", "),
    tiers: list(seg.tiers).join(", "),
    languages: list(seg.languages).join(", "),
    landingUrl: m.landingUrl ?? "",
    discountPrefix: m.discountPrefix ?? "",
    pointsPerConversion: m.pointsPerConversion ? String(m.pointsPerConversion) : "",
    ...translationFormValues(readMissionTranslations(m.translations)),
  };
}

/** The blank form: the disclosure tag pre-filled. */
export function emptyMissionFormValues(disclosureTag: string): Record<MissionField, string> {
  const blank = Object.fromEntries(ALL_MISSION_FIELDS.map((f) => [f, ""])) as Record<MissionField, string>;
  return { ...blank, hashtags: disclosureTag };
}

/** Which fields differ between two valid forms (for "what changed" notices). */
export function changedFields(before: Record<MissionField, string>, after: Record<MissionField, string>): MissionField[] {
  return ALL_MISSION_FIELDS.filter((f) => (before[f] ?? "") !== (after[f] ?? ""));
}
