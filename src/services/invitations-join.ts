// Joining by invitation code: the code is checked, one use is taken atomically (updateMany where
// uses < maxUses, so the last use taken twice at once lets exactly one in), the influencer and
// the platform account are created. Someone who already joined is welcomed back.
import { err, ok, type Result } from "../result.js";
import type { Platform } from "../engine/events.js";
import type { Influencer } from "../db/generated/sqlite/client.js";
import { isUniqueViolation, type Deps } from "./deps.js";
import { isOwnReferralCode } from "./referrals.js";

export interface Joiner {
  platform: Platform;
  externalId: string;
  chatId: string;
  username?: string;
  name?: string;
  localeHint?: string;
}

export type JoinOutcome = { kind: "joined" | "welcome_back"; influencer: Influencer };

export async function joinWithCode(deps: Deps, who: Joiner, rawCode: string): Promise<Result<JoinOutcome>> {
  const existing = await deps.db.platformAccount.findUnique({
    where: { platform_externalId: { platform: who.platform, externalId: who.externalId } },
    include: { influencer: true },
  });
  if (existing && existing.influencer.status !== "deleted") {
    // A member trying their own referral code is told it is for friends (issue 21: no self-referral).
    if (await isOwnReferralCode(deps.db, existing.influencerId, rawCode)) return err("growth.refer.own_code");
    return ok({ kind: "welcome_back", influencer: existing.influencer });
  }

  // Codes are read aloud and typed by hand: spaces and case do not matter.
  const code = rawCode.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(code)) return err("journey.join.unknown_code");
  const inv = await findInvitation(deps, code);
  if (!inv) return err("journey.join.unknown_code");
  const now = deps.clock.now();
  if (inv.revokedAt) return err("journey.join.revoked_code");
  if (inv.expiresAt && inv.expiresAt <= now) return err("journey.join.expired_code");

  // Take one use atomically; the condition is re-checked by the database, not by us.
  const taken = await deps.db.invitation.updateMany({
    where: { id: inv.id, uses: { lt: inv.maxUses }, revokedAt: null },
    data: { uses: { increment: 1 } },
  });
  if (taken.count !== 1) return err("journey.join.used_up_code");

  try {
    const influencer = await deps.db.$transaction(async (tx) => {
      if (existing) await tx.platformAccount.delete({ where: { id: existing.id } }); // a deleted profile joins afresh
      return tx.influencer.create({
        data: {
          status: "onboarding",
          displayName: who.name ?? who.username ?? null,
          platformLocale: who.localeHint ?? null,
          tags: inv.segmentTags ?? [],
          invitationId: inv.id,
          onboardingStartedAt: now,
          accounts: { create: { platform: who.platform, externalId: who.externalId, chatId: who.chatId, username: who.username ?? null } },
        },
      });
    });
    return ok({ kind: "joined", influencer });
  } catch (e) {
    // The same person joining twice at once: give the use back, the other attempt won.
    await deps.db.invitation.updateMany({ where: { id: inv.id, uses: { gt: 0 } }, data: { uses: { decrement: 1 } } });
    if (!isUniqueViolation(e)) throw e;
    const again = await deps.db.platformAccount.findUniqueOrThrow({
      where: { platform_externalId: { platform: who.platform, externalId: who.externalId } },
      include: { influencer: true },
    });
    return ok({ kind: "welcome_back", influencer: again.influencer });
  }
}

/** The code as typed, else in upper or lower case (generated codes are upper case); unique lookups only. */
async function findInvitation(deps: Deps, code: string) {
  for (const candidate of new Set([code, code.toUpperCase(), code.toLowerCase()])) {
    const inv = await deps.db.invitation.findUnique({ where: { code: candidate } });
    if (inv) return inv;
  }
  return null;
}
