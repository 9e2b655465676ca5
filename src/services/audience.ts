// Who a program message can reach: active influencers (optionally in a segment) with one
// reachable platform account each. One query for the whole audience (no per-recipient queries),
// so a broadcast to 100,000 people costs one read.
import { zoneOf } from "../i18n/dates.js";
import type { Platform } from "../engine/events.js";
import { pickLocale, type Locale } from "../i18n/translate.js";
import { matchesSegment, stringList, type Segment } from "../domain/segment.js";
import { inChunks, type Deps } from "./deps.js";

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
}

interface AccountRow {
  platform: string;
  chatId: string | null;
  externalId: string;
  updatedAt: Date;
}

/** The reachable account used most recently: where they expect to hear from us. */
export function preferredAccount(accounts: AccountRow[]): { platform: Platform; recipient: string } | undefined {
  const account = [...accounts].sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())[0];
  return account ? { platform: account.platform as Platform, recipient: account.chatId ?? account.externalId } : undefined;
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
      accounts: { where: { unreachableAt: null }, select: { platform: true, chatId: true, externalId: true, updatedAt: true } },
    },
    orderBy: { id: "asc" },
  });
  const out: Recipient[] = [];
  for (const row of rows) {
    if (options.segment) {
      const handles = (row as { handles?: { network: string }[] }).handles ?? [];
      const profile = { region: row.region, interests: stringList(row.interests), tags: stringList(row.tags), networks: handles.map((h) => h.network) };
      if (!matchesSegment(options.segment, profile)) continue;
    }
    const account = preferredAccount(row.accounts);
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
