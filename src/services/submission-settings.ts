// How many links an influencer may send for one mission (the first one and resubmissions after a
// rejection or "post not found"). A program setting (ProgramSetting "submissions" =
// {"maxAttempts": n}); 3 when unset or invalid.
import { z } from "zod";
import type { Db } from "../db/client.js";
import { err, ok, type Result } from "../result.js";
import { audit } from "./audit.js";
import type { Deps } from "./deps.js";
import { requireManager, type Actor } from "./managers.js";

export const SUBMISSION_SETTING = "submissions";
export const DEFAULT_MAX_ATTEMPTS = 3;
export const maxAttemptsSchema = z.coerce.number().int().min(1).max(20);
const settingSchema = z.object({ maxAttempts: maxAttemptsSchema });

export async function maxSubmissionAttempts(db: Pick<Db, "programSetting">): Promise<number> {
  const row = await db.programSetting.findUnique({ where: { key: SUBMISSION_SETTING } });
  const parsed = settingSchema.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data.maxAttempts : DEFAULT_MAX_ATTEMPTS;
}

export async function setMaxSubmissionAttempts(db: Pick<Db, "programSetting">, maxAttempts: number): Promise<void> {
  const value = { maxAttempts: maxAttemptsSchema.parse(maxAttempts) };
  await db.programSetting.upsert({ where: { key: SUBMISSION_SETTING }, create: { key: SUBMISSION_SETTING, value }, update: { value } });
}

/** The attempt number the participation has used so far (0 before the first link). */
export async function attemptsUsed(db: Pick<Db, "submission">, participationId: number): Promise<{ used: number; lastReason: string | null }> {
  const last = await db.submission.findFirst({ where: { participationId }, orderBy: [{ attempt: "desc" }, { id: "desc" }], select: { attempt: true, rejectionReason: true } });
  return { used: last?.attempt ?? 0, lastReason: last?.rejectionReason ?? null };
}

/** The managers' setting: how many links per mission (shows the current value without a new one). */
export async function submissionSettings(deps: Pick<Deps, "db" | "config">, actor: Actor, maxAttempts?: unknown): Promise<Result<{ maxAttempts: number }>> {
  const refused = await requireManager(deps, actor, "settings.submissions");
  if (refused) return refused;
  if (maxAttempts === undefined) return ok({ maxAttempts: await maxSubmissionAttempts(deps.db) });
  const parsed = maxAttemptsSchema.safeParse(maxAttempts);
  if (!parsed.success) return err("manage.cli.usage", { usage: "submissions settings [--max-attempts 1..20]" });
  const before = await maxSubmissionAttempts(deps.db);
  await setMaxSubmissionAttempts(deps.db, parsed.data);
  await audit(deps.db, { actor, action: "settings.submissions", targetType: "setting", targetId: SUBMISSION_SETTING, before: { maxAttempts: before }, after: { maxAttempts: parsed.data } });
  return ok({ maxAttempts: parsed.data });
}
