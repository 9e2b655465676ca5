// Actions a manager confirms before they run (issue 15): a points adjustment over the program's
// threshold or one that makes a balance negative, an early cycle close. The pending action lives
// in ProgramSetting under "confirm:<kind>:<12 hex>" (a button carries only the short id); the
// confirm press claims it with a conditional delete, so two presses run it once.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Deps } from "./deps.js";
import type { Actor } from "./managers.js";

const SHORT_ID = /^[0-9a-f]{12}$/;
const key = (kind: string, id: string) => `confirm:${kind}:${id}`;
/** a pending confirmation older than this is gone (the manager asks again) */
export const CONFIRM_TTL_MS = 60 * 60_000;

/** Points adjustments above this size (either sign) ask first; a program setting, default 1,000. */
export const CONFIRM_ABOVE_SETTING = "points.confirm_above";
export const DEFAULT_CONFIRM_ABOVE = 1000;

export async function confirmAbove(db: Pick<Deps["db"], "programSetting">): Promise<number> {
  const row = await db.programSetting.findUnique({ where: { key: CONFIRM_ABOVE_SETTING } });
  const r = z.coerce.number().int().min(0).safeParse(row?.value);
  return r.success ? r.data : DEFAULT_CONFIRM_ABOVE;
}

export async function holdForConfirmation(deps: Pick<Deps, "db" | "clock">, kind: string, actor: Actor, value: Record<string, unknown>): Promise<string> {
  const id = randomBytes(6).toString("hex");
  await deps.db.programSetting.create({ data: { key: key(kind, id), value: JSON.parse(JSON.stringify({ ...value, actor, at: deps.clock.now().toISOString() })) as object } });
  return id;
}

/** The held value, once (the first claim wins); undefined when unknown, claimed or expired. */
export async function claimConfirmation(deps: Pick<Deps, "db" | "clock">, kind: string, id: string | undefined): Promise<Record<string, unknown> | undefined> {
  if (!id || !SHORT_ID.test(id)) return undefined;
  const row = await deps.db.programSetting.findUnique({ where: { key: key(kind, id) } });
  if (!row) return undefined;
  const claimed = await deps.db.programSetting.deleteMany({ where: { key: key(kind, id) } });
  if (!claimed.count) return undefined;
  const value = row.value as Record<string, unknown>;
  const at = Date.parse(String(value.at ?? ""));
  if (!Number.isFinite(at) || deps.clock.now().getTime() - at > CONFIRM_TTL_MS) return undefined;
  return value;
}

export async function dropConfirmation(deps: Pick<Deps, "db">, kind: string, id: string | undefined): Promise<boolean> {
  if (!id || !SHORT_ID.test(id)) return false;
  return (await deps.db.programSetting.deleteMany({ where: { key: key(kind, id) } })).count > 0;
}
