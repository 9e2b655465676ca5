// Per-influencer discount codes of a mission: taken from the pool the shop issued (imported,
// each code used once) or generated with the mission's prefix. A participation gets one code,
// once: participationId is unique and a pool code is claimed with a conditional update, so two
// influencers accepting at the same moment never share a code.
import type { Db } from "../db/client.js";
import { err, ok, type Result } from "../result.js";
import { audit } from "./audit.js";
import { isUniqueViolation, type Deps } from "./deps.js";
import { generateCode } from "./invitations.js";
import { requireManager, type Actor } from "./managers.js";

export const DISCOUNT_CODE = /^[A-Z0-9][A-Z0-9_-]{2,39}$/;

/** The participation's code (existing, claimed from the pool, or generated); null when the mission has none. */
export async function assignDiscountCode(db: Db, participationId: number, now: Date): Promise<string | null> {
  const mine = await db.discountCode.findUnique({ where: { participationId }, select: { code: true } });
  if (mine) return mine.code;
  const part = await db.participation.findUniqueOrThrow({ where: { id: participationId }, select: { missionId: true, influencerId: true, mission: { select: { discountPrefix: true } } } });
  for (let attempt = 0; attempt < 20; attempt++) {
    const free = await db.discountCode.findFirst({ where: { missionId: part.missionId, participationId: null }, orderBy: { id: "asc" }, select: { id: true, code: true } });
    if (!free) break;
    try {
      const claimed = await db.discountCode.updateMany({ where: { id: free.id, participationId: null }, data: { participationId, influencerId: part.influencerId, assignedAt: now } });
      if (claimed.count === 1) return free.code;
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      return (await db.discountCode.findUniqueOrThrow({ where: { participationId }, select: { code: true } })).code; // a retry of ours won
    }
  }
  const prefix = part.mission.discountPrefix;
  if (!prefix) return null;
  for (let attempt = 0; ; attempt++) {
    const code = `${prefix}-${generateCode(6)}`;
    try {
      await db.discountCode.create({ data: { missionId: part.missionId, code, participationId, influencerId: part.influencerId, source: "generated", assignedAt: now } });
      return code;
    } catch (e) {
      if (!isUniqueViolation(e) || attempt >= 5) throw e;
      const won = await db.discountCode.findUnique({ where: { participationId }, select: { code: true } });
      if (won) return won.code;
    }
  }
}

export interface CodeImportResult {
  imported: number;
  alreadyThere: number;
}

/** Imports a pool: every code valid or nothing imported (line-numbered errors). */
export async function importDiscountCodes(
  deps: Deps, actor: Actor, missionId: number, lines: string[],
): Promise<Result<CodeImportResult>> {
  const refused = await requireManager(deps, actor, "codes.import");
  if (refused) return refused;
  if (!(await deps.db.mission.findUnique({ where: { id: missionId }, select: { id: true } }))) return err("manage.mission.not_found", { id: missionId });
  const codes: string[] = [];
  const bad: number[] = [];
  lines.forEach((line, i) => {
    const cell = line.split(/[,;]/)[0]!.trim().replace(/^"|"$/g, "").toUpperCase();
    if (!cell || (i === 0 && cell === "CODE")) return; // blank line or header
    if (DISCOUNT_CODE.test(cell)) codes.push(cell);
    else bad.push(i + 1);
  });
  if (bad.length) return err("manage.codes.invalid_rows", { rows: bad.slice(0, 20).join(", ") });
  const unique = [...new Set(codes)];
  const existing = new Set((await deps.db.discountCode.findMany({ where: { code: { in: unique } }, select: { code: true } })).map((c) => c.code));
  const fresh = unique.filter((c) => !existing.has(c));
  if (fresh.length) await deps.db.discountCode.createMany({ data: fresh.map((code) => ({ missionId, code, source: "imported" })) });
  await audit(deps.db, { actor, action: "codes.import", targetType: "mission", targetId: missionId, after: { imported: fresh.length } });
  return ok({ imported: fresh.length, alreadyThere: unique.length - fresh.length });
}
