// SQL shared by the live standings (ledger.ts writes them, leaderboard.ts reads them) and the
// cycle close, so the three rank people the same way.

/** Who never appears in standings (erased people are status "deleted"): they have no CycleScore row. */
export const HIDDEN_STATUSES_SQL = `('deleted', 'left')`;
/** The ranking order of CycleScore rows (alias s): earned desc, who reached it first, then id. */
export const SCORE_ORDER_SQL = `s."earned" DESC, s."lastEntryId" ASC, s."influencerId" ASC`;
