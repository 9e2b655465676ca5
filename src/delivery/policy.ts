// Who gets what. /stop (Influencer.messagesPaused) silences program messages — announcements,
// reminders, drips, leaderboards — but not the answers to something the influencer did
// themselves: the verdict on a submitted post, a redemption, an account notice, a deferred reply.
// Those purposes are listed here, in one place.
const TRANSACTIONAL_PREFIXES = ["reply.", "submission.", "redemption.", "account."] as const;

export function isTransactional(purpose: string): boolean {
  return TRANSACTIONAL_PREFIXES.some((p) => purpose.startsWith(p));
}

/** Delay before retrying a transient failure: 5 s, 10 s, 20 s, … capped at one hour. */
export function backoffMs(attempt: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
}

/** A first transient network failure (see SendResult.transient) is retried this soon. */
export const FIRST_TRANSIENT_RETRY_MS = 1_000;
