// Reward cycles: settings and the close. closeCycle is ONE transaction guarded by a conditional
// status update (open → closed): a second call, concurrent or later, finds nothing to close, and
// a failure anywhere inside rolls everything back (old state) — there is no half-closed cycle.
// Cost: one GROUP BY read for balances, one joined read of reachable accounts, and multi-row
// INSERTs of ~6,000 rows per statement; the query count grows with influencers/6,000 only.
import type { Db } from "../db/client.js";
import { AppError } from "../errors.js";
import { err, ok, type Result } from "../result.js";
import {
  cycleSettingsSchema, DEFAULT_CYCLE_SETTINGS, EARNING_KINDS, expiryMoves, nextCycleBounds, rankStandings,
  type CycleSettings, type Standing,
} from "../domain/cycle-close.js";
import type { Platform } from "../engine/events.js";
import type { Provider } from "../db/provider.js";
import { audit } from "./audit.js";
import { bulkInsert, clientProvider } from "./bulk-insert.js";
import type { Deps } from "./deps.js";
import type { LedgerWrite } from "./ledger.js";
import { requireManager, type Actor } from "./managers.js";
import { enqueue, type OutboxItem } from "./outbox.js";
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
}

export async function closeCycle(deps: Deps, actor: Actor, options: CloseOptions = {}): Promise<Result<CloseSummary>> {
  const refused = await requireManager(deps, actor, "cycle.close");
  if (refused) return refused;
  const now = deps.clock.now();
  const open = await deps.db.cycle.findFirst({ where: { status: "open" }, orderBy: { startsAt: "asc" } });
  if (!open) return err("manage.cycle.none_open");
  if (!options.force && open.endsAt.getTime() > now.getTime())
    return err("manage.cycle.not_due", { cycle: open.name, endsAt: open.endsAt.toISOString().slice(0, 10) });
  const end = open.endsAt.getTime() > now.getTime() ? now : open.endsAt;
  const fail = (stage: CloseStage) => {
    if (options.failAfter === stage) throw new AppError("cycle_close.injected_failure", `injected failure after ${stage}`);
  };

  const provider = clientProvider(deps.db);
  const summary = await deps.db.$transaction(async (tx) => {
    const db = tx as unknown as Db;
    const claimed = await db.cycle.updateMany({ where: { id: open.id, status: "open" }, data: { status: "closed", closedAt: now, endsAt: end } });
    if (!claimed.count) return null; // closed by someone else: nothing to do
    const settings = await getCycleSettings(db);
    const bounds = nextCycleBounds(open, end, settings);
    const existing = await db.cycle.findUnique({ where: { startsAt: bounds.startsAt } });
    const next = existing
      ? await db.cycle.update({ where: { id: existing.id }, data: { status: "open", closedAt: null } })
      : await db.cycle.create({ data: { ...bounds, status: "open" } });

    // One grouped read, whatever the number of influencers.
    const totals = await cycleTotals(db, provider, open.id);
    const standings = rankStandings(totals, settings.bonuses);
    await bulkInsert(db, provider, "CycleStanding", ["cycleId", "influencerId", "rank", "points", "bonus"].map((name) => ({ name })),
      standings.map((s) => [open.id, s.influencerId, s.rank, s.points, s.bonus]));
    fail("standings");

    const ref = `cycle:${open.id}`;
    const entries: LedgerWrite[] = [];
    for (const s of standings) {
      if (s.bonus > 0) entries.push({ influencerId: s.influencerId, cycleId: next.id, amount: s.bonus, kind: "bonus", reason: `rank ${s.rank}`, reference: ref, idempotencyKey: `bonus:cycle:${open.id}:influencer:${s.influencerId}`, createdBy: actor });
    }
    const moves = expiryMoves(totals, settings);
    for (const m of moves) {
      entries.push({ influencerId: m.influencerId, cycleId: open.id, amount: m.expiry, kind: "expiry", reference: ref, idempotencyKey: `expiry:cycle:${open.id}:influencer:${m.influencerId}`, createdBy: actor });
      if (m.rollover > 0) entries.push({ influencerId: m.influencerId, cycleId: next.id, amount: m.rollover, kind: "rollover", reference: ref, idempotencyKey: `rollover:cycle:${open.id}:influencer:${m.influencerId}`, createdBy: actor });
    }
    await bulkInsert(db, provider, "LedgerEntry",
      ["influencerId", "cycleId", "amount", "kind", "reason", "reference", "idempotencyKey", "createdBy", "createdAt"].map((name) => ({ name })),
      entries.map((e) => [e.influencerId, e.cycleId, e.amount, e.kind, e.reason ?? null, e.reference ?? null, e.idempotencyKey, e.createdBy ?? null, now]));
    fail("ledger");

    const notified = await notifyStandings(db, now, open, standings);
    fail("outbox");

    const result: CloseSummary = {
      cycleId: open.id, cycleName: open.name, nextCycleId: next.id, nextCycleName: next.name, participants: standings.length,
      bonusesPaid: standings.reduce((n, s) => n + s.bonus, 0), expired: -moves.reduce((n, m) => n + m.expiry, 0),
      rolledOver: moves.reduce((n, m) => n + m.rollover, 0), notified,
    };
    await db.cycle.update({ where: { id: open.id }, data: { summary: { ...result } } });
    return result;
  }, TX);

  if (!summary) return err("manage.cycle.already_closed", { cycle: open.name });
  await audit(deps.db, { actor, action: "cycle.close", targetType: "cycle", targetId: open.id, before: { status: "open", endsAt: open.endsAt }, after: summary });
  await noticeCycleClosed(deps, summary);
  return ok(summary);
}

/**
 * Per influencer in one scan of the cycle's entries: balance (every kind), points earned
 * (EARNING_KINDS) and the id of their latest earning entry (the tie-break).
 */
async function cycleTotals(db: Db, provider: Provider, cycleId: number): Promise<{ influencerId: number; balance: number; earned: number; lastEntryId: number }[]> {
  const kinds = EARNING_KINDS.map((k) => `'${k}'`).join(", "); // constants from code, not input
  const param = provider === "postgresql" ? "$1" : "?";
  const rows = await db.$queryRawUnsafe<{ influencerId: number | bigint; balance: number | bigint | null; earned: number | bigint | null; lastEntryId: number | bigint | null }[]>(
    `SELECT "influencerId" AS "influencerId", SUM("amount") AS "balance",
            SUM(CASE WHEN "kind" IN (${kinds}) THEN "amount" ELSE 0 END) AS "earned",
            MAX(CASE WHEN "kind" IN (${kinds}) THEN "id" END) AS "lastEntryId"
     FROM "LedgerEntry" WHERE "cycleId" = ${param} GROUP BY "influencerId"`,
    cycleId,
  );
  return rows.map((r) => ({
    influencerId: Number(r.influencerId),
    balance: Number(r.balance ?? 0),
    earned: Number(r.earned ?? 0),
    lastEntryId: r.lastEntryId === null ? Number.MAX_SAFE_INTEGER : Number(r.lastEntryId),
  }));
}

/** Winners hear their rank and bonus, everyone else their rank; one outbox row each. */
async function notifyStandings(db: Db, now: Date, cycle: { id: number; name: string }, standings: Standing[]): Promise<number> {
  if (!standings.length) return 0;
  const byId = new Map(standings.map((s) => [s.influencerId, s]));
  const items: OutboxItem[] = [];
  for (const r of await reachableAccounts(db)) {
    const s = byId.get(r.influencerId);
    if (!s) continue;
    items.push({
      platform: r.platform as Platform, recipient: r.recipient, influencerId: r.influencerId, purpose: "cycle.closed",
      batchKey: `cycle:${cycle.id}:closed`, dedupeKey: `cycle:${cycle.id}:closed:influencer:${r.influencerId}`,
      payload: s.bonus > 0
        ? { kind: "i18n", messageId: "manage.cycle.winner_notice", params: { cycle: cycle.name, rank: s.rank, points: s.points, bonus: s.bonus } }
        : { kind: "i18n", messageId: "manage.cycle.closed_notice", params: { cycle: cycle.name, rank: s.rank, points: s.points } },
    });
  }
  return enqueue(db, items, now);
}

/**
 * One joined read: the most recently used reachable account of every active, unpaused
 * influencer (same rule as services/audience.ts, without loading profiles).
 */
async function reachableAccounts(db: Db): Promise<{ influencerId: number; platform: string; recipient: string }[]> {
  const rows = await db.$queryRawUnsafe<{ influencerId: number; platform: string; recipient: string; updatedAt: Date | string }[]>(
    `SELECT a."influencerId" AS "influencerId", a."platform" AS "platform", COALESCE(a."chatId", a."externalId") AS "recipient", a."updatedAt" AS "updatedAt"
     FROM "PlatformAccount" a JOIN "Influencer" i ON i."id" = a."influencerId"
     WHERE i."status" = 'active' AND i."messagesPaused" = false AND i."deletedAt" IS NULL AND a."unreachableAt" IS NULL
     ORDER BY a."influencerId", a."updatedAt" DESC`,
  );
  const out: { influencerId: number; platform: string; recipient: string }[] = [];
  let last = -1;
  for (const r of rows) {
    const id = Number(r.influencerId);
    if (id === last) continue; // rows are ordered newest account first per influencer
    last = id;
    out.push({ influencerId: id, platform: r.platform, recipient: r.recipient });
  }
  return out;
}

export async function listCycles(deps: Deps, actor: Actor) {
  const refused = await requireManager(deps, actor, "cycle.list");
  if (refused) return refused;
  return ok(await deps.db.cycle.findMany({ orderBy: { startsAt: "desc" }, take: 50 }));
}
