// A voucher reward's code pool (issue 21): imported from CSV by a manager, handed out at once when
// someone redeems — each code to one redemption, also under concurrent redemptions (a conditional
// claim: UPDATE … WHERE redemptionId IS NULL) — and one alert to the managers when the unused
// codes fall to the reward's threshold (once per pool size, so a refill alerts again).
import type { Db } from "../db/client.js";
import { err, ok, type Result } from "../result.js";
import { audit } from "./audit.js";
import type { Deps } from "./deps.js";
import { notifyManagers } from "./manager-notices.js";
import { requireManager, type Actor } from "./managers.js";

/** What a voucher code may look like: printable, no spaces, up to 100 characters. */
export const VOUCHER_CODE = /^[\x21-\x7e]{3,100}$/;

export interface VoucherImport {
  imported: number;
  alreadyThere: number;
  /** unused codes in the pool after the import */
  unused: number;
}

/** Imports codes (the first CSV column; a "code" header and blank lines are skipped). */
export async function importVoucherCodes(deps: Deps, actor: Actor, rewardId: number, lines: string[]): Promise<Result<VoucherImport>> {
  const refused = await requireManager(deps, actor, "reward.codes.import", { type: "reward", id: rewardId });
  if (refused) return refused;
  const reward = await deps.db.reward.findUnique({ where: { id: rewardId }, select: { kind: true } });
  if (!reward) return err("manage.reward.not_found", { id: rewardId });
  if (reward.kind !== "voucher") return err("fulfil.codes.not_voucher", { id: rewardId });
  const codes: string[] = [];
  const bad: number[] = [];
  lines.forEach((line, i) => {
    const cell = line.split(/[,;\t]/)[0]!.trim().replace(/^"|"$/g, "");
    if (!cell || (i === 0 && cell.toLowerCase() === "code")) return;
    if (VOUCHER_CODE.test(cell)) codes.push(cell);
    else bad.push(i + 1);
  });
  if (bad.length) return err("manage.codes.invalid_rows", { rows: bad.slice(0, 20).join(", ") });
  const unique = [...new Set(codes)];
  const existing = new Set((await deps.db.voucherCode.findMany({ where: { rewardId, code: { in: unique } }, select: { code: true } })).map((c) => c.code));
  const fresh = unique.filter((c) => !existing.has(c));
  if (fresh.length) await deps.db.voucherCode.createMany({ data: fresh.map((code) => ({ rewardId, code })) });
  const unused = await unusedCodes(deps.db, rewardId);
  // The reward's stock is the pool: /rewards shows it, and redeeming checks it first.
  await deps.db.reward.update({ where: { id: rewardId }, data: { stock: unused } });
  await audit(deps.db, { actor, action: "reward.codes.import", targetType: "reward", targetId: rewardId, after: { imported: fresh.length, unused } });
  return ok({ imported: fresh.length, alreadyThere: unique.length - fresh.length, unused });
}

export const unusedCodes = (db: Pick<Db, "voucherCode">, rewardId: number) => db.voucherCode.count({ where: { rewardId, redemptionId: null } });

/**
 * Claims one unused code for a redemption, inside the redemption's transaction. The claim is a
 * conditional update, so two redemptions racing for the same row: one wins, the other takes the
 * next code. Null when the pool is empty.
 */
export async function claimVoucherCode(tx: Pick<Db, "voucherCode">, rewardId: number, redemptionId: number, now: Date): Promise<string | null> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const candidate = await tx.voucherCode.findFirst({ where: { rewardId, redemptionId: null }, orderBy: { id: "asc" }, select: { id: true, code: true } });
    if (!candidate) return null;
    const won = await tx.voucherCode.updateMany({ where: { id: candidate.id, redemptionId: null }, data: { redemptionId, assignedAt: now } });
    if (won.count === 1) return candidate.code;
  }
  return null;
}

/** After a code was handed out: one alert to the managers when the pool is at its threshold. */
export async function alertLowVoucherStock(deps: Pick<Deps, "db" | "config">, reward: { id: number; name: string; lowStockAt: number | null }): Promise<boolean> {
  if (reward.lowStockAt === null) return false;
  const [unused, total] = await Promise.all([unusedCodes(deps.db, reward.id), deps.db.voucherCode.count({ where: { rewardId: reward.id } })]);
  if (unused > reward.lowStockAt) return false;
  return notifyManagers(deps, {
    purpose: "manager.voucher_low", dedupeKey: `reward:${reward.id}:voucher_low:${total}`,
    messageId: "fulfil.codes.low_stock", params: { id: reward.id, reward: reward.name, left: unused },
  });
}
