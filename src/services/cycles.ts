// Reward cycles: settings and the close. closeCycle is ONE transaction guarded by a conditional
// status update (open → closed): a second call, concurrent or later, finds nothing to close, and
// a failure anywhere inside rolls everything back (old state) — there is no half-closed cycle.
// Cost: a constant handful of INSERT … SELECT statements (services/cycle-close-sql.ts) with
// window functions, whatever the number of influencers; no per-person parameter reaches the client.
import { dateParam } from "../i18n/dates.js";
import type { Db } from "../db/client.js";
import { AppError } from "../errors.js";
import { err, ok, type Result } from "../result.js";
import { cycleSettingsSchema, DEFAULT_CYCLE_SETTINGS, nextCycleBounds, type CycleSettings } from "../domain/cycle-close.js";
import { audit } from "./audit.js";
import { distinctCycleName } from "../domain/cycles.js";
import { closeFigures, insertCloseEntries, insertCloseNotices, insertStandings, type CloseSql } from "./cycle-close-sql.js";
import type { Deps } from "./deps.js";
import { requireManager, type Actor } from "./managers.js";
import { noticeCycleClosed } from "./manager-notices.js";

const SETTING_KEY = "cycle";
const TX = { timeout: 30 * 60_000, maxWait: 60_000 };

export async function getCycleSettings(db: Pick<Db, "programSetting">): Promise<CycleSettings> {
  const row = await db.programSetting.findUnique({ where: { key: SETTING_KEY } });
  const r = cycleSettingsSchema.safeParse(row?.value ?? {});
  return r.success ? r.data : DEFAULT_CYCLE_SETTINGS;
}

export async function setCycleSettings(deps: Deps, actor: Actor, input: unknown): Promise<Result<CycleSettings>> {
  const refused = await requireManager(deps, actor, "cycle.settings");
  if (refused) return refused;
  const before = await getCycleSettings(deps.db);
  const parsed = cycleSettingsSchema.safeParse({ ...before, ...(input as object) });
  if (!parsed.success) return err("manage.cycle.settings_invalid", { field: parsed.error.issues[0]?.path.join(".") ?? "" });
  const value = JSON.parse(JSON.stringify(parsed.data)) as object;
  await deps.db.programSetting.upsert({ where: { key: SETTING_KEY }, create: { key: SETTING_KEY, value }, update: { value } });
  await audit(deps.db, { actor, action: "cycle.settings", targetType: "setting", targetId: SETTING_KEY, before, after: parsed.data });
  return ok(parsed.data);
}

export interface CloseSummary {
  cycleId: number;
  cycleName: string;
  nextCycleId: number;
  nextCycleName: string;
  participants: number;
  bonusesPaid: number;
  expired: number;
  rolledOver: number;
  notified: number;
}

export type CloseStage = "standings" | "ledger" | "outbox";

export interface CloseOptions {
  /** close the open cycle now even if its end has not come (a manager's early close) */
  force?: boolean;
  /** tests only: throw after this stage to prove the transaction leaves the old state */
  failAfter?: CloseStage;
  /** compute the exact figures inside the transaction, then roll it back: what a close would do now */
  dryRun?: boolean;
}

class DryRun extends Error {
  constructor(readonly summary: CloseSummary) {
    super("dry run");
  }
}

/** Recent cycles whose names a new one must not repeat. */
const RECENT_NAMES = 50;

async function freshName(db: Db, name: string): Promise<string> {
  const recent = await db.cycle.findMany({ orderBy: { startsAt: "desc" }, take: RECENT_NAMES, select: { name: true } });
  return distinctCycleName(name, recent.map((c) => c.name));
}

export async function closeCycle(deps: Deps, actor: Actor, options: CloseOptions = {}): Promise<Result<CloseSummary>> {
  const refused = await requireManager(deps, actor, "cycle.close");
  if (refused) return refused;
  const now = deps.clock.now();
  const open = await deps.db.cycle.findFirst({ where: { status: "open" }, orderBy: { startsAt: "asc" } });
  if (!open) return err("manage.cycle.none_open");
  if (!options.force && open.endsAt.getTime() > now.getTime())
    return err("manage.cycle.not_due", { cycle: open.name, endsAt: dateParam(open.endsAt) });
  const end = open.endsAt.getTime() > now.getTime() ? now : open.endsAt;
  const fail = (stage: CloseStage) => {
    if (options.failAfter === stage) throw new AppError("cycle_close.injected_failure", `injected failure after ${stage}`);
  };

  const run = deps.db.$transaction(async (tx) => {
    const db = tx as unknown as Db;
    const claimed = await db.cycle.updateMany({ where: { id: open.id, status: "open" }, data: { status: "closed", closedAt: now, endsAt: end } });
    if (!claimed.count) return null; // closed by someone else: nothing to do
    const settings = await getCycleSettings(db);
    const bounds = nextCycleBounds(open, end, settings);
    const existing = await db.cycle.findUnique({ where: { startsAt: bounds.startsAt } });
    const next = existing
      ? await db.cycle.update({ where: { id: existing.id }, data: { status: "open", closedAt: null } })
      : await db.cycle.create({ data: { ...bounds, status: "open", name: await freshName(db, bounds.name) } });

    // Set-based from here: a constant number of statements and parameters, whatever the number of people.
    const sql: CloseSql = { closedId: open.id, nextId: next.id, cycleName: open.name, actor, now, settings };
    await insertStandings(db, sql);
    fail("standings");
    await insertCloseEntries(db, sql);
    fail("ledger");
    const notified = await insertCloseNotices(db, sql);
    fail("outbox");

    const result: CloseSummary = { cycleId: open.id, cycleName: open.name, nextCycleId: next.id, nextCycleName: next.name, ...(await closeFigures(db, sql)), notified };
    if (options.dryRun) throw new DryRun(result);
    await db.cycle.update({ where: { id: open.id }, data: { summary: { ...result } } });
    return result;
  }, TX);
  let summary: CloseSummary | null;
  try {
    summary = await run;
  } catch (e) {
    if (e instanceof DryRun) return ok(e.summary);
    throw e;
  }

  if (!summary) return err("manage.cycle.already_closed", { cycle: open.name });
  await audit(deps.db, { actor, action: "cycle.close", targetType: "cycle", targetId: open.id, before: { status: "open", endsAt: open.endsAt }, after: summary });
  await noticeCycleClosed(deps, summary);
  return ok(summary);
}

export async function listCycles(deps: Deps, actor: Actor) {
  const refused = await requireManager(deps, actor, "cycle.list");
  if (refused) return refused;
  return ok(await deps.db.cycle.findMany({ orderBy: { startsAt: "desc" }, take: 50 }));
}
