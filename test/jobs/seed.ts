// Test data for job tests.
import type { Db } from "../../src/db/client.js";
import type { Platform } from "../../src/engine/events.js";

export interface InfluencerSeed {
  name: string;
  status?: string;
  timezone?: string | null;
  activatedAt?: Date | null;
  onboardingStartedAt?: Date;
  leaderboardOptIn?: boolean;
  messagesPaused?: boolean;
  platform?: Platform;
}

export async function influencer(db: Db, s: InfluencerSeed) {
  return db.influencer.create({
    data: {
      displayName: s.name, status: s.status ?? "active", timezone: s.timezone ?? null, activatedAt: s.activatedAt ?? null,
      leaderboardOptIn: s.leaderboardOptIn ?? false, messagesPaused: s.messagesPaused ?? false,
      ...(s.onboardingStartedAt ? { onboardingStartedAt: s.onboardingStartedAt } : {}),
      accounts: { create: { platform: s.platform ?? "telegram", externalId: `u-${s.name}`, chatId: `chat-${s.name}` } },
    },
  });
}

export async function mission(db: Db, m: { title: string; deadline: Date; status?: string; startsAt?: Date | null; points?: number }) {
  return db.mission.create({
    data: { title: m.title, brief: "Post about us", points: m.points ?? 50, deadline: m.deadline, startsAt: m.startsAt ?? null, status: m.status ?? "published", segment: {}, hashtags: ["#ad"] },
  });
}

export async function participation(db: Db, missionId: number, influencerId: number, status = "accepted") {
  return db.participation.create({ data: { missionId, influencerId, status, acceptedAt: new Date() } });
}

export async function outboxFor(db: Db, chat: string) {
  return db.outboxMessage.findMany({ where: { recipient: chat }, orderBy: { id: "asc" } });
}
