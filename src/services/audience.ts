// Who a program message can reach: active influencers (optionally in a segment) with one
// reachable platform account each. Two queries for the whole audience (the people, then their
// preferred accounts by the one SQL rule), so a broadcast to 100,000 people costs two reads; a
// segment restricted to tiers adds one grouped query of tier points (services/tiers.ts).
import { zoneOf } from "../i18n/dates.js";
import type { Platform } from "../engine/events.js";
import { pickLocale, type Locale } from "../i18n/translate.js";
import { matchesSegment, stringList, tierAllowed, type Segment } from "../domain/segment.js";
import { currentTierKeys } from "./tiers.js";
import { inChunks, type Deps } from "./deps.js";
import { preferredAccounts } from "./preferred-account.js";

export interface Recipient {
  influencerId: number;
  platform: Platform;
  /** where to deliver: the remembered chat id, else the platform user id */
  recipient: string;
  locale: Locale;
  /** the zone dates in their messages are shown in (their own, else JOBS_TZ) */
  timeZone: string;
}

interface Options {
  segment?: Segment;
  /** restrict to these influencers (already known ids, e.g. participants) */
  influencerIds?: number[];
  /** include influencers who paused messages (only for replies they asked for — normally false) */
  includePaused?: boolean;
  /** statuses to include; default active only */
  statuses?: string[];
  /** only people with a handle on one of these networks (a mission's networks); empty = anyone */
  networks?: string[];
}

/** Active, unpaused influencers matching the segment, one reachable account each. */
export async function audience(deps: Pick<Deps, "db" | "config">, options: Options = {}): Promise<Recipient[]> {
  if (options.influencerIds && options.influencerIds.length > 10_000) {
    // Keep IN lists within every driver's parameter limit.
    const out: Recipient[] = [];
    await inChunks(options.influencerIds, 10_000, async (ids) => {
      out.push(...(await audience(deps, { ...options, influencerIds: ids })));
    });
    return out;
  }
  const rows = await deps.db.influencer.findMany({
    where: {
      ...(options.influencerIds ? { id: { in: options.influencerIds } } : {}),
      status: { in: options.statuses ?? ["active"] },
      ...(options.includePaused ? {} : { messagesPaused: false }),
      deletedAt: null,
      // In the same query (an EXISTS), not per recipient: who can post on the mission's networks.
      ...(options.networks?.length ? { handles: { some: { network: { in: [...new Set(options.networks.map((n) => n.trim().toLowerCase()))] } } } } : {}),
    },
    select: {
      id: true,
      region: true,
      interests: true,
      tags: true,
      locale: true,
      platformLocale: true,
      timezone: true,
      handles: options.segment?.networks.length ? { select: { network: true } } : false,
    },
    orderBy: { id: "asc" },
  });
  // The preferred-account rule lives in SQL (services/preferred-account.ts), shared with the jobs and the cycle close.
  const ids = options.influencerIds || rows.length <= 5_000 ? rows.map((r) => r.id) : "all";
  const accounts = await preferredAccounts(deps.db, ids);
  // A tier-restricted segment: every person's tier from one grouped query of tier points.
  const tierOf = options.segment?.tiers.length ? await currentTierKeys(deps.db, ids) : undefined;
  const out: Recipient[] = [];
  for (const row of rows) {
    if (options.segment) {
      const handles = (row as { handles?: { network: string }[] }).handles ?? [];
      const language = pickLocale(row.locale, row.platformLocale, deps.config.DEFAULT_LOCALE);
      const profile = { region: row.region, interests: stringList(row.interests), tags: stringList(row.tags), networks: handles.map((h) => h.network), language };
      if (!matchesSegment(options.segment, profile)) continue;
      if (tierOf && !tierAllowed(options.segment, tierOf(row.id))) continue;
    }
    const account = accounts.get(row.id);
    if (!account) continue;
    out.push({
      influencerId: row.id,
      ...account,
      locale: pickLocale(row.locale, row.platformLocale, deps.config.DEFAULT_LOCALE),
      timeZone: zoneOf(row.timezone, deps.config.JOBS_TZ),
    });
  }
  return out;
}
