// Referrals, member gets member (issue 21). A member's personal referral code is an Invitation
// row with referrerId (unique: one code per member), so joining with it takes a use with the same
// atomic update as any invitation and the program's per-person limit is its maxUses. The referrer
// earns points twice per person they bring — when that person finishes onboarding and when their
// first post is approved — each once, by ledger key `referral:<referredId>:<stage>`, and is told
// through the outbox in their language.
import { z } from "zod";
import type { Db } from "../db/client.js";
import { err, ok, type Result } from "../result.js";
import { audit } from "./audit.js";
import { isUniqueViolation, type Deps } from "./deps.js";
import { generateCode, joinLinks, type JoinLink } from "./invitations.js";
import { appendEntry, currentCycle } from "./ledger.js";
import { requireManager, type Actor } from "./managers.js";
import { tellInfluencers, type InfluencerNotice } from "./outcome-notices.js";
import { announceProgress } from "./tiers.js";

export const REFERRAL_SETTING = "referrals";

export const referralProgramSchema = z.object({
  /** people one member may bring with their code; 0 turns referrals off */
  limit: z.coerce.number().int().min(0).max(10_000).default(5),
  /** points to the referrer when the referred person completes onboarding */
  onboardedPoints: z.coerce.number().int().min(0).max(1_000_000).default(50),
  /** points to the referrer when the referred person's first post is approved */
  firstPostPoints: z.coerce.number().int().min(0).max(1_000_000).default(100),
});
export type ReferralProgram = z.output<typeof referralProgramSchema>;
export const DEFAULT_REFERRAL_PROGRAM: ReferralProgram = referralProgramSchema.parse({});

export type ReferralStage = "onboarded" | "first_post";

/** The ledger key of one referral payment: once per referred person and stage, whoever refers. */
export const referralKey = (referredId: number, stage: ReferralStage) => `referral:${referredId}:${stage}`;
/** The ledger reason of a referral payment (/points shows it translated). */
export const REFERRAL_REASON = "referral";

export async function readReferralProgram(db: Pick<Db, "programSetting">): Promise<ReferralProgram> {
  const row = await db.programSetting.findUnique({ where: { key: REFERRAL_SETTING } });
  const parsed = row ? referralProgramSchema.safeParse(row.value) : undefined;
  return parsed?.success ? parsed.data : DEFAULT_REFERRAL_PROGRAM;
}

export async function setReferralProgram(deps: Deps, actor: Actor, input: Partial<Record<keyof ReferralProgram, unknown>>): Promise<Result<ReferralProgram>> {
  const refused = await requireManager(deps, actor, "referral.settings");
  if (refused) return refused;
  const before = await readReferralProgram(deps.db);
  const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  const parsed = referralProgramSchema.safeParse({ ...before, ...given });
  if (!parsed.success) return err("growth.referral.invalid", { field: String(parsed.error.issues[0]?.path[0] ?? "") });
  const value = { ...parsed.data };
  await deps.db.programSetting.upsert({ where: { key: REFERRAL_SETTING }, create: { key: REFERRAL_SETTING, value }, update: { value } });
  // A new limit applies to the codes already handed out too (used places are kept).
  if (value.limit !== before.limit) await deps.db.invitation.updateMany({ where: { referrerId: { not: null }, revokedAt: null }, data: { maxUses: value.limit } });
  await audit(deps.db, { actor, action: "referral.settings", targetType: "setting", targetId: REFERRAL_SETTING, before, after: value });
  return ok(value);
}

export interface ReferralCode {
  code: string;
  uses: number;
  maxUses: number;
  /** how the friend joins on each configured platform (Telegram deep link, Discord/Slack command) */
  links: JoinLink[];
  program: ReferralProgram;
}

/** The member's personal referral code, made on first ask. Active (or paused) members only. */
export async function referralCode(deps: Deps, influencerId: number): Promise<Result<ReferralCode>> {
  const [program, person] = await Promise.all([
    readReferralProgram(deps.db),
    deps.db.influencer.findUnique({ where: { id: influencerId }, select: { status: true, deletedAt: true } }),
  ]);
  if (!person || person.deletedAt || (person.status !== "active" && person.status !== "paused")) return err("growth.refer.not_active");
  if (program.limit === 0) return err("growth.refer.off");
  const view = (row: { code: string; uses: number; maxUses: number }): ReferralCode => ({ code: row.code, uses: row.uses, maxUses: row.maxUses, links: joinLinks(deps.config, row.code), program });
  const existing = await deps.db.invitation.findUnique({ where: { referrerId: influencerId } });
  if (existing) return existing.revokedAt ? err("growth.refer.off") : ok(view(existing));
  for (let attempt = 0; ; attempt++) {
    try {
      const row = await deps.db.invitation.create({
        data: { code: generateCode(), maxUses: program.limit, referrerId: influencerId, note: "referral", createdBy: `influencer:${influencerId}` },
      });
      return ok(view(row));
    } catch (e) {
      if (!isUniqueViolation(e) || attempt >= 5) throw e;
      // The same member asking twice at once: the other request made the code.
      const again = await deps.db.invitation.findUnique({ where: { referrerId: influencerId } });
      if (again) return ok(view(again));
    }
  }
}

/**
 * Pays the referrers of these people for a stage they reached (onboarding done, a post approved),
 * each once: the ledger key is per referred person and stage, so retries and concurrent calls pay
 * once. Nothing is paid for a referred person who was erased, to an erased referrer, to oneself,
 * or around a loop (a referrer who was brought by the person they referred). Returns the payments made.
 */
export async function payReferrals(deps: Pick<Deps, "db" | "clock" | "config">, referredIds: readonly number[], stage: ReferralStage): Promise<number> {
  const ids = [...new Set(referredIds)];
  if (!ids.length) return 0;
  const program = await readReferralProgram(deps.db);
  const amount = stage === "onboarded" ? program.onboardedPoints : program.firstPostPoints;
  if (amount <= 0) return 0;
  const referred = await deps.db.influencer.findMany({
    where: {
      id: { in: ids }, deletedAt: null, status: { in: ["active", "paused"] },
      invitation: { referrerId: { not: null } },
      // first post: only people with an approved participation (the caller may pass anyone it paid)
      ...(stage === "first_post" ? { participations: { some: { status: "approved" } } } : {}),
    },
    select: { id: true, displayName: true, invitation: { select: { referrerId: true } } },
  });
  if (!referred.length) return 0;
  const referrerIds = [...new Set(referred.map((r) => r.invitation!.referrerId!))];
  const [referrers, paid] = await Promise.all([
    deps.db.influencer.findMany({
      where: { id: { in: referrerIds }, deletedAt: null, status: { not: "deleted" } },
      select: { id: true, invitation: { select: { referrerId: true } } },
    }),
    deps.db.ledgerEntry.findMany({ where: { idempotencyKey: { in: referred.map((r) => referralKey(r.id, stage)) } }, select: { idempotencyKey: true, amount: true } }),
  ]);
  const referrerOf = new Map(referrers.map((r) => [r.id, r.invitation?.referrerId ?? null]));
  const done = new Map(paid.map((p) => [p.idempotencyKey, p.amount]));
  const cycle = await currentCycle(deps.db, deps.clock);
  const notices: InfluencerNotice[] = [];
  const newlyPaid: number[] = [];
  for (const r of referred) {
    const referrerId = r.invitation!.referrerId!;
    if (!referrerOf.has(referrerId) || referrerId === r.id || referrerOf.get(referrerId) === r.id) continue;
    const key = referralKey(r.id, stage);
    let points = done.get(key);
    if (points === undefined) {
      const entry = await appendEntry(deps.db, {
        influencerId: referrerId, cycleId: cycle.id, amount, kind: "adjustment", reason: REFERRAL_REASON,
        reference: `influencer:${r.id}`, idempotencyKey: key, createdBy: "system",
      });
      points = entry.entry.amount;
      if (entry.created) newlyPaid.push(referrerId);
    }
    // Told for a payment made now or before: the outbox key makes it once, and a notice lost to a
    // crash (or to a concurrent caller's rolled-back write on SQLite's one connection) is queued again.
    notices.push({
      influencerId: referrerId, purpose: `referral.${stage}`, dedupeKey: key,
      messageId: stage === "onboarded" ? "growth.referral.paid_onboarded" : "growth.referral.paid_first_post",
      params: { name: r.displayName ?? `#${r.id}`, points },
    });
  }
  await tellInfluencers(deps, notices);
  if (newlyPaid.length) await announceProgress(deps, newlyPaid);
  return newlyPaid.length;
}

/** Whether a code as typed (any case, spaces) is this member's own referral code. */
export async function isOwnReferralCode(db: Pick<Db, "invitation">, influencerId: number, typed: string): Promise<boolean> {
  const own = await db.invitation.findUnique({ where: { referrerId: influencerId }, select: { code: true } });
  return own !== null && own.code === typed.replace(/\s+/g, "").toUpperCase();
}

/** On erasure: the member's referral code stops admitting anyone. */
export async function revokeReferralCode(db: Pick<Db, "invitation">, influencerId: number, now: Date): Promise<void> {
  await db.invitation.updateMany({ where: { referrerId: influencerId, revokedAt: null }, data: { revokedAt: now } });
}
