// Program settings a manager changes from the console (issue 15): `points.confirm_above`, the size
// of a points adjustment above which chat asks before applying it (src/services/confirmations.ts).
// Admins only (the action is in no role's list, src/domain/roles.ts); every change is audited.
import { z } from "zod";
import { err, ok, type Result } from "../result.js";
import { audit } from "./audit.js";
import { CONFIRM_ABOVE_SETTING, confirmAbove } from "./confirmations.js";
import type { Deps } from "./deps.js";
import { requireManager, type Actor } from "./managers.js";

export const CONFIRM_ABOVE_MAX = 10_000_000;
const pointsSchema = z.coerce.number().int().min(0).max(CONFIRM_ABOVE_MAX);

/** The threshold now (reading it needs the same admin right as changing it: it is a control). */
export async function showConfirmAbove(deps: Pick<Deps, "db" | "config">, actor: Actor): Promise<Result<{ confirmAbove: number }>> {
  const refused = await requireManager(deps, actor, "settings.confirm_above");
  if (refused) return refused;
  return ok({ confirmAbove: await confirmAbove(deps.db) });
}

export async function setConfirmAbove(deps: Pick<Deps, "db" | "config">, actor: Actor, value: string): Promise<Result<{ confirmAbove: number; before: number }>> {
  const refused = await requireManager(deps, actor, "settings.confirm_above", { type: "setting", id: CONFIRM_ABOVE_SETTING });
  if (refused) return refused;
  const parsed = pointsSchema.safeParse(value.trim() === "" ? undefined : value.replace(/[,_\s]/g, ""));
  if (!parsed.success) return err("slack.settings.confirm_above_invalid", { value, max: CONFIRM_ABOVE_MAX });
  const before = await confirmAbove(deps.db);
  await deps.db.programSetting.upsert({ where: { key: CONFIRM_ABOVE_SETTING }, create: { key: CONFIRM_ABOVE_SETTING, value: parsed.data }, update: { value: parsed.data } });
  await audit(deps.db, { actor, action: "settings.confirm_above", targetType: "setting", targetId: CONFIRM_ABOVE_SETTING, before: { value: before }, after: { value: parsed.data } });
  return ok({ confirmAbove: parsed.data, before });
}
