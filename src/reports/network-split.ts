// Submissions per network for the overview's pie, inside the cycle's window: one grouped read.
import type { Db } from "../db/client.js";
import type { Window } from "./figures-sql.js";

/** Submissions per network inside the window (erased people's withdrawn ones left out). */
export async function networkSplit(db: Db, window: Window): Promise<{ network: string; count: number }[]> {
  const rows = await db.submission.groupBy({ by: ["network"], where: { createdAt: { gte: window.from, lt: window.to }, status: { not: "withdrawn" } }, _count: { _all: true } });
  return rows.map((r) => ({ network: r.network, count: r._count._all })).sort((a, b) => b.count - a.count || a.network.localeCompare(b.network));
}
