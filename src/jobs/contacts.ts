// Where a job can reach influencers: one query for a whole set of ids (chunked IN lists), the most
// recently used reachable account of each, and what the job needs to respect (timezone, /stop).
import type { Platform } from "../engine/events.js";
import { inChunks, type Deps } from "../services/deps.js";
import { preferredAccounts } from "../services/preferred-account.js";

export interface Contact {
  influencerId: number;
  platform: Platform;
  recipient: string;
  timezone: string | null;
}

/** Reachable contacts of these influencers; those who paused messages or have no reachable account are left out. */
export async function contactsOf(deps: Pick<Deps, "db">, influencerIds: number[]): Promise<Map<number, Contact>> {
  const out = new Map<number, Contact>();
  await inChunks([...new Set(influencerIds)], 1000, async (ids) => {
    const rows = await deps.db.influencer.findMany({
      where: { id: { in: ids }, messagesPaused: false, deletedAt: null },
      select: {
        id: true, timezone: true,
      },
    });
    const accounts = await preferredAccounts(deps.db, rows.map((r) => r.id));
    for (const r of rows) {
      const account = accounts.get(r.id);
      if (account) out.set(r.id, { influencerId: r.id, ...account, timezone: r.timezone });
    }
  });
  return out;
}
