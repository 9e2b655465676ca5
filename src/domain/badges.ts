// Milestone badges: pure rules over a person's approved missions (dates of approval). Like tiers,
// badges are derived, never stored; each is announced once (the outbox dedupe key names it).
export const BADGES = ["first_post", "five_missions", "streak_3_weeks"] as const;
export type Badge = (typeof BADGES)[number];

const WEEK_MS = 7 * 24 * 3600 * 1000;
/** Monday 1970-01-05 00:00 UTC: weeks are counted from a Monday, in UTC. */
const FIRST_MONDAY_MS = Date.UTC(1970, 0, 5);

export const weekIndex = (d: Date) => Math.floor((d.getTime() - FIRST_MONDAY_MS) / WEEK_MS);

/** The longest run of consecutive weeks (Monday to Sunday, UTC) with at least one approval. */
export function longestWeeklyStreak(approvals: readonly Date[]): number {
  const weeks = [...new Set(approvals.map(weekIndex))].sort((a, b) => a - b);
  let best = 0;
  let run = 0;
  weeks.forEach((w, i) => {
    run = i > 0 && w === weeks[i - 1]! + 1 ? run + 1 : 1;
    best = Math.max(best, run);
  });
  return best;
}

/** The badges earned with these approvals (one date per approved mission), in BADGES order. */
export function badgesEarned(approvals: readonly Date[]): Badge[] {
  const earned: Badge[] = [];
  if (approvals.length >= 1) earned.push("first_post");
  if (approvals.length >= 5) earned.push("five_missions");
  if (longestWeeklyStreak(approvals) >= 3) earned.push("streak_3_weeks");
  return earned;
}
