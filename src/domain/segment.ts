// Target segments (pure). A segment lists regions, interests, networks, tags, tiers and languages; an empty list
// means "everyone" for that dimension, and every non-empty dimension must match (AND across
// dimensions, OR within one). Comparisons ignore case.
import { z } from "zod";

export const segmentSchema = z.object({
  regions: z.array(z.string()).default([]),
  interests: z.array(z.string()).default([]),
  networks: z.array(z.string()).default([]),
  tags: z.array(z.string()).default([]),
  /** tier keys (issue 21): only people whose current tier, derived from the ledger, is listed */
  tiers: z.array(z.string()).default([]),
  /** locales (en/es/fr/it, issue 15): only people the bot speaks to in one of these languages */
  languages: z.array(z.string()).default([]),
});
export type Segment = z.infer<typeof segmentSchema>;

export const EMPTY_SEGMENT: Segment = { regions: [], interests: [], networks: [], tags: [], tiers: [], languages: [] };

/** What a segment is matched against. */
export interface SegmentProfile {
  region: string | null;
  interests: string[];
  tags: string[];
  /** networks of the influencer's registered social handles */
  networks: string[];
  /** the language the bot speaks to them (pickLocale: chosen, else platform, else program default) */
  language: string | null;
}

/** Reads a stored segment (Json column) leniently: unknown shapes become "everyone". */
export function readSegment(value: unknown): Segment {
  const r = segmentSchema.safeParse(value ?? {});
  return r.success ? r.data : EMPTY_SEGMENT;
}

const lower = (xs: string[]) => xs.map((x) => x.trim().toLowerCase()).filter(Boolean);

function anyOverlap(wanted: string[], have: string[]): boolean {
  const w = lower(wanted);
  if (!w.length) return true;
  const h = new Set(lower(have));
  return w.some((x) => h.has(x));
}

/**
 * The tier dimension, apart from the others because a tier is derived from the ledger (callers
 * compute it in one grouped query): empty = every tier; otherwise the person's current tier key
 * must be listed (someone below the first threshold, `null`, is in none).
 */
export function tierAllowed(segment: Pick<Segment, "tiers">, tierKey: string | null): boolean {
  const wanted = lower(segment.tiers);
  return !wanted.length || (tierKey !== null && wanted.includes(tierKey.toLowerCase()));
}

/** Regions, interests, networks, tags and language (the tier is checked with tierAllowed). */
export function matchesSegment(segment: Segment, profile: SegmentProfile): boolean {
  return (
    anyOverlap(segment.regions, profile.region ? [profile.region] : []) &&
    anyOverlap(segment.interests, profile.interests) &&
    anyOverlap(segment.networks, profile.networks) &&
    anyOverlap(segment.tags, profile.tags) &&
    anyOverlap(segment.languages, profile.language ? [profile.language] : [])
  );
}

/** Json columns holding string lists, read defensively. */
export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}
