// The live leaderboard of the current cycle. It ranks exactly like the cycle close
// (rankStandings): points earned desc, then whoever reached their total first (smaller id of
// their latest earning entry), then the smaller influencer id — so the live ranks match the final.
import { EARNING_KINDS, rankStandings, type Standing } from "../domain/cycle-close.js";
import { currentCycle } from "./ledger.js";
import type { Deps } from "./deps.js";

export interface LeaderboardRow {
  rank: number;
  influencerId: number;
  name: string | null;
  points: number;
}

export interface Leaderboard {
  top: LeaderboardRow[];
  own: LeaderboardRow | null;
  participants: number;
}

/** Live standings of a cycle (one grouped query), ranked like the close; nobody without points. */
export async function cycleStandings(db: Deps["db"], cycleId: number): Promise<Standing[]> {
  const earned = await db.ledgerEntry.groupBy({
    by: ["influencerId"],
    where: { cycleId, kind: { in: [...EARNING_KINDS] }, influencer: { deletedAt: null, status: { notIn: ["deleted", "left"] } } },
    _sum: { amount: true },
    _max: { id: true },
  });
  return rankStandings(
    earned
      .map((e) => ({ influencerId: e.influencerId, earned: e._sum.amount ?? 0, lastEntryId: e._max.id ?? Number.MAX_SAFE_INTEGER }))
      .filter((r) => r.earned > 0),
    [],
  );
}

export async function leaderboard(deps: Deps, influencerId: number | null, size = 10): Promise<Leaderboard> {
  const cycle = await currentCycle(deps.db, deps.clock);
  const ranked = await cycleStandings(deps.db, cycle.id);
  const top = ranked.slice(0, size);
  const ownStanding = influencerId === null ? undefined : ranked.find((s) => s.influencerId === influencerId);
  const ids = [...new Set([...top.map((s) => s.influencerId), ...(ownStanding ? [ownStanding.influencerId] : [])])];
  const people = await deps.db.influencer.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } });
  const names = new Map(people.map((p) => [p.id, p.displayName]));
  const row = (s: { influencerId: number; rank: number; points: number }): LeaderboardRow => ({
    rank: s.rank, influencerId: s.influencerId, points: s.points, name: names.get(s.influencerId) ?? null,
  });
  return { top: top.map(row), own: ownStanding ? row(ownStanding) : null, participants: ranked.length };
}
