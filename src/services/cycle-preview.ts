// What closing the open cycle would do (issue 15), for the confirmation a manager sees first:
// people with points in it, their points, what rolls over under the program's policy and what
// expires — one grouped query over the cycle's ledger, whatever the number of people.
import { err, ok, type Result } from "../result.js";
import type { Deps } from "./deps.js";
import { requireManager, type Actor } from "./managers.js";
import { getCycleSettings } from "./cycles.js";

export interface CyclePreview {
  cycleId: number;
  name: string;
  endsAt: Date;
  /** its planned end has not come: closing now is an early close */
  early: boolean;
  people: number;
  points: number;
  rollOverPeople: number;
  rollOverPoints: number;
  expiring: number;
}

const int = (n: number) => String(Math.trunc(n));

export async function previewCycleClose(deps: Deps, actor: Actor): Promise<Result<CyclePreview>> {
  const refused = await requireManager(deps, actor, "cycle.close");
  if (refused) return refused;
  const open = await deps.db.cycle.findFirst({ where: { status: "open" }, orderBy: { startsAt: "asc" } });
  if (!open) return err("manage.cycle.none_open");
  const settings = await getCycleSettings(deps.db);
  // cap 0 under reset: nothing rolls over
  const cap = settings.expiry.policy === "rollover" ? settings.expiry.cap : 0;
  const rows = await deps.db.$queryRawUnsafe<Record<"people" | "points" | "positive" | "positivePeople" | "rolled", number | bigint | null>[]>(
    `SELECT COUNT(*) AS "people", SUM(b) AS "points", SUM(CASE WHEN b > 0 THEN b ELSE 0 END) AS "positive",
            SUM(CASE WHEN b > 0 THEN 1 ELSE 0 END) AS "positivePeople",
            SUM(CASE WHEN b > 0 THEN (CASE WHEN b < ${int(cap)} THEN b ELSE ${int(cap)} END) ELSE 0 END) AS "rolled"
     FROM (SELECT "influencerId", SUM("amount") AS b FROM "LedgerEntry" WHERE "cycleId" = ${int(open.id)} GROUP BY "influencerId") balances
     WHERE b <> 0`,
  );
  const n = (v: number | bigint | null | undefined) => Number(v ?? 0);
  const r = rows[0];
  const rolled = n(r?.rolled);
  return ok({
    cycleId: open.id, name: open.name, endsAt: open.endsAt, early: open.endsAt.getTime() > deps.clock.now().getTime(),
    people: n(r?.people), points: n(r?.points), rollOverPeople: cap > 0 ? n(r?.positivePeople) : 0, rollOverPoints: rolled, expiring: n(r?.positive) - rolled,
  });
}
