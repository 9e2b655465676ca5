// Rows the journey tests need, written directly (the manager services are another area).
import type { Deps } from "../../src/services/deps.js";
import { DAY } from "../../src/clock.js";

export async function seedInvitation(deps: Deps, code: string, over: { maxUses?: number; expiresAt?: Date | null; revokedAt?: Date | null; segmentTags?: string[] } = {}) {
  return deps.db.invitation.create({
    data: { code, maxUses: over.maxUses ?? 5, expiresAt: over.expiresAt ?? null, revokedAt: over.revokedAt ?? null, segmentTags: over.segmentTags ?? [] },
  });
}

export async function seedMission(deps: Deps, over: Partial<{ title: string; networks: string[]; points: number; cap: number | null; segment: object; status: string; deadline: Date; startsAt: Date | null }> = {}) {
  const now = deps.clock.now();
  return deps.db.mission.create({
    data: {
      title: over.title ?? "Summer drop",
      brief: "Show the new summer collection in one post.",
      dos: ["Natural light"], donts: ["No competitor brands"],
      hashtags: ["#ad", "#summerdrop"], mentions: ["@brand"],
      networks: over.networks ?? ["instagram", "tiktok"],
      points: over.points ?? 100,
      cap: over.cap === undefined ? null : over.cap,
      segment: over.segment ?? { regions: [], interests: [], networks: [], tags: [] },
      status: over.status ?? "published",
      startsAt: over.startsAt === undefined ? null : over.startsAt,
      deadline: over.deadline ?? new Date(now.getTime() + 14 * DAY),
    },
  });
}

/** An active influencer with handles, linked to the console user `userId`, without the chat. */
export async function seedMember(deps: Deps, userId: string, handles: { network: string; handle: string }[] = [{ network: "instagram", handle: userId }], over: { region?: string; interests?: string[] } = {}) {
  return deps.db.influencer.create({
    data: {
      status: "active", displayName: userId, region: over.region ?? "es", interests: over.interests ?? ["fashion"], consentAt: deps.clock.now(), activatedAt: deps.clock.now(),
      accounts: { create: { platform: "console", externalId: userId, chatId: userId } },
      handles: { create: handles },
    },
  });
}

export async function seedReward(deps: Deps, over: { name?: string; cost?: number; stock?: number | null } = {}) {
  return deps.db.reward.create({ data: { name: over.name ?? "Tote bag", cost: over.cost ?? 50, stock: over.stock === undefined ? 3 : over.stock } });
}
