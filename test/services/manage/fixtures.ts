// Seeding helpers for the program-management tests: influencers with accounts, missions,
// submissions — written straight to the database (these tests exercise the manager side).
import type { Db } from "../../../src/db/client.js";

export const MANAGER = "slack:UMANAGER";
export const STRANGER = "telegram:999";
export const managerConfig = { MANAGERS: MANAGER };

let seq = 0;

export async function seedInfluencer(
  db: Db,
  opts: { name?: string; region?: string; interests?: string[]; tags?: string[]; networks?: string[]; status?: string; locale?: string; platform?: string; paused?: boolean } = {},
) {
  const n = ++seq;
  const inf = await db.influencer.create({
    data: {
      displayName: opts.name ?? `Inf${n}`, status: opts.status ?? "active", region: opts.region ?? null, interests: opts.interests ?? [],
      tags: opts.tags ?? [], locale: opts.locale ?? "en", messagesPaused: opts.paused ?? false,
    },
  });
  await db.platformAccount.create({ data: { influencerId: inf.id, platform: opts.platform ?? "telegram", externalId: `u${inf.id}-${n}`, chatId: `c${inf.id}` } });
  // Everyone who finished onboarding has a handle (missions are offered by network): Instagram unless told.
  for (const network of opts.networks ?? ["instagram"]) await db.socialHandle.create({ data: { influencerId: inf.id, network, handle: `h${inf.id}${network}` } });
  return inf;
}

export function missionValues(overrides: Record<string, unknown> = {}) {
  return {
    title: "Spring launch", brief: "Show the new bottle", dos: "Natural light\nTag us", donts: "No competitors",
    hashtags: "#ad, #spring", mentions: "@brand", networks: "instagram, tiktok", points: "100",
    deadline: "2026-03-01T00:00:00Z", cap: "", regions: "", interests: "", segmentNetworks: "", tags: "",
    ...overrides,
  };
}

export async function seedSubmission(db: Db, missionId: number, influencerId: number, opts: { status?: string; createdAt?: Date } = {}) {
  const part = await db.participation.upsert({
    where: { missionId_influencerId: { missionId, influencerId } },
    create: { missionId, influencerId, status: "submitted" },
    update: { status: "submitted" },
  });
  const n = ++seq;
  return db.submission.create({
    data: {
      participationId: part.id, missionId, influencerId, url: `https://instagram.com/p/post${n}`, originalUrl: `https://instagram.com/p/post${n}`,
      network: "instagram", status: opts.status ?? "needs_review", evidence: { hashtagsMissing: ["#ad"], notes: ["caption unreadable"] },
      ...(opts.createdAt ? { createdAt: opts.createdAt } : {}),
    },
  });
}
