// One person's dated history for the per-platform date tests: a points entry and a pending
// redemption (their /points and /rewards history lines, a manager's redemption card), and a
// submission in review with a reading of its reach (the manager's review card). Written straight
// to the database with fixed times, so a test can compute what each platform must show.
import type { Db } from "../../src/db/client.js";
import { seedSubmission } from "../services/manage/fixtures.js";

const DAY_MS = 86_400_000;

export interface DatedHistory {
  /** the points entry's and the redemption's time */
  earnedAt: Date;
  redeemedAt: Date;
  /** the submission's time (the review card's "submitted …") and its reach's reading time */
  submittedAt: Date;
  seenAt: Date;
  missionTitle: string;
}

export async function seedDatedHistory(db: Db, influencerId: number, now: Date): Promise<DatedHistory> {
  // whole days before now: a relative hint reads "2 days ago", "yesterday" at any time of day
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY_MS);
  const history: DatedHistory = { earnedAt: at(4), redeemedAt: at(3), submittedAt: at(2), seenAt: at(1), missionTitle: "Dated launch" };
  const cycle = await db.cycle.findFirst({ where: { status: "open" } }) ?? await db.cycle.create({ data: { name: "Dated cycle", startsAt: new Date(now.getTime() - 30 * DAY_MS), endsAt: new Date(now.getTime() + 30 * DAY_MS), status: "open" } });
  await db.ledgerEntry.create({ data: { influencerId, cycleId: cycle.id, amount: 40, kind: "adjustment", reason: "Dated bonus", idempotencyKey: `dated:${influencerId}`, createdAt: history.earnedAt } });
  const reward = await db.reward.create({ data: { name: "Dated tote", cost: 10, stock: null } });
  await db.redemption.create({ data: { rewardId: reward.id, influencerId, cycleId: cycle.id, cost: 10, status: "pending", createdAt: history.redeemedAt } });
  const mission = await db.mission.create({
    data: { title: history.missionTitle, brief: "b", hashtags: [], networks: ["instagram"], points: 10, deadline: new Date(now.getTime() + 9 * DAY_MS), segment: {}, status: "published", publishedAt: now },
  });
  const submission = await seedSubmission(db, mission.id, influencerId, { createdAt: history.submittedAt });
  await db.postMetric.create({ data: { submissionId: submission.id, views: 1200, likes: 80, comments: 7, source: "youtube_api", seenAt: history.seenAt } });
  return history;
}
