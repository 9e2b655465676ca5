// Which missions an influencer may see and accept (pure).
import { matchesSegment, readSegment, stringList, type SegmentProfile } from "./segment.js";
import { tierGate, type Tier } from "./tiers.js";

export interface MissionWindow {
  status: string;
  startsAt: Date | null;
  deadline: Date;
  cap: number | null;
  acceptedCount: number;
  segment: unknown;
  /** the networks a post may be on (Json list); empty = any network */
  networks: unknown;
}

export type Ineligibility = "not_open" | "not_started" | "past_deadline" | "full" | "not_in_segment" | "no_network" | "tier";

/** The person's tier points now (derived from the ledger) and the program's tiers. */
export interface TierContext {
  points: number;
  tiers: readonly Tier[];
}

/** Why a mission is not available to this profile, or null when it is. */
export function ineligibility(m: MissionWindow, profile: SegmentProfile, now: Date, tier: TierContext): Ineligibility | null {
  if (m.status !== "published") return "not_open";
  if (m.startsAt && m.startsAt > now) return "not_started";
  if (m.deadline <= now) return "past_deadline";
  if (m.cap !== null && m.acceptedCount >= m.cap) return "full";
  if (!matchesSegment(readSegment(m.segment), profile)) return "not_in_segment";
  if (!coversNetworks(stringList(m.networks), profile.networks)) return "no_network";
  // Judged with the tier of this moment: someone who rose or dropped since publishing is judged now.
  if (tierGate(readSegment(m.segment).tiers, tier.points, tier.tiers)) return "tier";
  return null;
}

/**
 * A mission is only offered to someone who can post it: one of their handles is on one of the
 * mission's networks (a YouTube-only mission is not for people without YouTube). This is apart
 * from the segment's own network filter, which a manager may set for targeting.
 */
export function coversNetworks(missionNetworks: string[], handleNetworks: string[]): boolean {
  const wanted = missionNetworks.map((n) => n.trim().toLowerCase()).filter(Boolean);
  if (!wanted.length) return true;
  const have = new Set(handleNetworks.map((n) => n.trim().toLowerCase()));
  return wanted.some((n) => have.has(n));
}

/** `language` is the reader's locale as pickLocale resolves it (chosen, else platform, else program default). */
export function profileOf(inf: { region: string | null; interests: unknown; tags: unknown }, handles: { network: string }[], language: string | null): SegmentProfile {
  return {
    language,
    region: inf.region,
    interests: stringList(inf.interests),
    tags: stringList(inf.tags),
    networks: [...new Set(handles.map((h) => h.network))],
  };
}
