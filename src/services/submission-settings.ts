// How many links an influencer may send for one mission (the first one and resubmissions after a
// rejection or "post not found"). A program setting (ProgramSetting "submissions" =
// {"maxAttempts": n}); 3 when unset or invalid.
import { z } from "zod";
import type { Db } from "../db/client.js";

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
