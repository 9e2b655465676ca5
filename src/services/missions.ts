// Missions from the influencer's side: the open missions they are eligible for, accepting with
// an atomic cap (updateMany on acceptedCount while below the cap), declining.
import { missionTitleParam } from "../domain/content-translations.js";
import { err, ok, type Result } from "../result.js";
import { ineligibility, profileOf, type TierContext } from "../domain/eligibility.js";
import { tierGate, tierNameList, type Tier } from "../domain/tiers.js";
import { LOCALES, type Locale } from "../config.js";
import type { LocalizedText } from "../i18n/localized-text.js";
import { tierOf } from "./tiers.js";
import { pickLocale } from "../i18n/translate.js";
import type { Mission, Participation } from "../db/generated/sqlite/client.js";
import { readSegment, stringList } from "../domain/segment.js";
import { networkLabel } from "../engine/mission-card.js";
import type { Deps } from "./deps.js";
import { assignDiscountCode } from "./discount-codes.js";
import { ensureParticipationLink } from "./tracking.js";
import { maxSubmissionAttempts } from "./submission-settings.js";

export interface MissionListItem {
  mission: Mission;
  participation: Participation | null;
}

async function profile(deps: Deps, influencerId: number) {
  const inf = await deps.db.influencer.findUniqueOrThrow({ where: { id: influencerId }, include: { handles: { select: { network: true } } } });
  return profileOf(inf, inf.handles, pickLocale(inf.locale, inf.platformLocale, deps.config.DEFAULT_LOCALE));
}

/** The tier side of eligibility: derived from the ledger at this moment, never stored. */
async function tierContext(deps: Deps, influencerId: number): Promise<TierContext> {
  const tier = await tierOf(deps, influencerId);
  return { points: tier.points, tiers: tier.tiers };
}

/** Tier names as a message param each reader sees in their own language ("Silver and Gold"). */
function tierNamesParam(keys: readonly string[], tiers: readonly Tier[], programLocale: Locale): LocalizedText {
  return { $text: tierNameList(keys, tiers, programLocale), $tr: Object.fromEntries(LOCALES.map((l) => [l, tierNameList(keys, tiers, l)])) };
}

/** "Reach Gold to unlock this one — 120 points to go", or "only for Bronze members". */
function tierRefusal(deps: Deps, mission: Mission, tier: TierContext): Result<never> {
  const gate = tierGate(readSegment(mission.segment).tiers, tier.points, tier.tiers);
  const locale = deps.config.DEFAULT_LOCALE;
  // Only tiers that still exist are named; when every listed tier was removed, nobody can take it.
  if (!gate?.allowed.length) return err("growth.mission.tier_removed", { title: missionTitleParam(mission) });
  const allowed = tierNamesParam(gate.allowed.map((t) => t.key), tier.tiers, locale);
  if (gate?.kind === "locked") {
    return err("growth.mission.locked", { title: missionTitleParam(mission), tiers: allowed, next: tierNamesParam([gate.next.key], tier.tiers, locale), missing: gate.missing });
  }
  return err("growth.mission.not_for_tier", { title: missionTitleParam(mission), tiers: allowed });
}

/** Open missions this influencer may take, soonest deadline first, with their participation. */
export async function listEligibleMissions(deps: Deps, influencerId: number): Promise<MissionListItem[]> {
  const now = deps.clock.now();
  const [p, tier, missions, parts] = await Promise.all([
    profile(deps, influencerId),
    tierContext(deps, influencerId),
    deps.db.mission.findMany({
      where: { status: "published", deadline: { gt: now }, OR: [{ startsAt: null }, { startsAt: { lte: now } }] },
      orderBy: [{ deadline: "asc" }, { id: "asc" }],
      take: 200,
    }),
    // only participations of open missions matter here: bounded by the open missions, not by their history
    deps.db.participation.findMany({ where: { influencerId, mission: { status: "published", deadline: { gt: now } } }, take: 500 }),
  ]);
  const byMission = new Map(parts.map((x) => [x.missionId, x]));
  return missions
    .filter((m) => {
      const part = byMission.get(m.id);
      if (part && part.status !== "offered") return part.status !== "declined"; // theirs already: shown even if now full
      return ineligibility(m, p, now, tier) === null;
    })
    .map((m) => ({ mission: m, participation: byMission.get(m.id) ?? null }));
}

export async function getMission(deps: Deps, missionId: number): Promise<Mission | null> {
  return deps.db.mission.findUnique({ where: { id: missionId } });
}

const REASON_MESSAGE = {
  not_open: "journey.missions.not_open",
  not_started: "journey.missions.not_open",
  past_deadline: "journey.missions.past_deadline",
  full: "journey.missions.full",
  not_in_segment: "journey.missions.not_eligible",
  no_network: "accounts.mission_no_network",
  tier: "growth.mission.not_for_tier",
} as const;

/** What an accepted influencer gets on top of the mission: their tracking link and discount code. */
export interface AcceptedMission extends Mission {
  trackingUrl: string | null;
  discountCode: string | null;
}

/** The participation's personal link and code, created once (both idempotent). */
export async function measurementFor(deps: Deps, participationId: number): Promise<{ trackingUrl: string | null; discountCode: string | null }> {
  const link = await ensureParticipationLink(deps, participationId);
  const discountCode = await assignDiscountCode(deps.db, participationId, deps.clock.now());
  return { trackingUrl: link?.url ?? null, discountCode };
}

export async function acceptMission(deps: Deps, influencerId: number, missionId: number): Promise<Result<AcceptedMission>> {
  const mission = await getMission(deps, missionId);
  if (!mission) return err("journey.missions.not_found");
  const existing = await deps.db.participation.findUnique({ where: { missionId_influencerId: { missionId, influencerId } } });
  if (existing && !["offered", "declined"].includes(existing.status)) return err("journey.missions.already_accepted", { title: missionTitleParam(mission) });
  const tier = await tierContext(deps, influencerId);
  const why = ineligibility(mission, await profile(deps, influencerId), deps.clock.now(), tier);
  if (why === "tier") return tierRefusal(deps, mission, tier);
  if (why) return err(REASON_MESSAGE[why], { title: missionTitleParam(mission), networks: stringList(mission.networks).map(networkLabel).join(", ") });

  const taken = await deps.db.$transaction(async (tx) => {
    // The database re-checks the cap: of two people taking the last place, exactly one gets it.
    const slot = await tx.mission.updateMany({
      where: { id: missionId, status: "published", ...(mission.cap !== null ? { acceptedCount: { lt: mission.cap } } : {}) },
      data: { acceptedCount: { increment: 1 } },
    });
    if (slot.count !== 1) return err("journey.missions.full", { title: missionTitleParam(mission) });
    const now = deps.clock.now();
    const part = await tx.participation.upsert({
      where: { missionId_influencerId: { missionId, influencerId } },
      create: { missionId, influencerId, status: "accepted", acceptedAt: now },
      update: { status: "accepted", acceptedAt: now, declinedAt: null },
    });
    return ok(part.id);
  });
  if (!taken.ok) return taken;
  // After the place is taken (outside the cap transaction, which SQLite serializes): both are idempotent.
  return ok({ ...mission, ...(await measurementFor(deps, taken.value)) });
}

export async function declineMission(deps: Deps, influencerId: number, missionId: number): Promise<Result<Mission>> {
  const mission = await getMission(deps, missionId);
  if (!mission) return err("journey.missions.not_found");
  const existing = await deps.db.participation.findUnique({ where: { missionId_influencerId: { missionId, influencerId } } });
  if (existing && existing.status !== "offered" && existing.status !== "declined") return err("journey.missions.already_accepted", { title: missionTitleParam(mission) });
  await deps.db.participation.upsert({
    where: { missionId_influencerId: { missionId, influencerId } },
    create: { missionId, influencerId, status: "declined", declinedAt: deps.clock.now() },
    update: { status: "declined", declinedAt: deps.clock.now() },
  });
  return ok(mission);
}

/**
 * Missions still waiting for a link (what /submit and a pasted link offer): accepted ones, and
 * rejected ones (refused, or the post was not found) with attempts left under the program's cap.
 */
export async function missionsAwaitingLink(deps: Deps, influencerId: number): Promise<Mission[]> {
  return (await linkWaiting(deps, influencerId)).waiting;
}

/**
 * The open missions this person accepted, split into those still waiting for a link and those
 * whose attempts are used up (so a pasted link can say why it is not taken).
 */
export async function linkWaiting(deps: Deps, influencerId: number): Promise<{ waiting: Mission[]; usedUp: Mission[]; maxAttempts: number }> {
  const [parts, maxAttempts] = await Promise.all([
    deps.db.participation.findMany({
      where: { influencerId, status: { in: ["accepted", "rejected"] }, mission: { status: "published", deadline: { gt: deps.clock.now() } } },
      include: { mission: true, submissions: { select: { attempt: true }, orderBy: { attempt: "desc" }, take: 1 } },
      orderBy: { acceptedAt: "asc" },
      take: 100,
    }),
    maxSubmissionAttempts(deps.db),
  ]);
  const left = (p: (typeof parts)[number]) => (p.submissions[0]?.attempt ?? 0) < maxAttempts;
  return { waiting: parts.filter(left).map((p) => p.mission), usedUp: parts.filter((p) => !left(p)).map((p) => p.mission), maxAttempts };
}
