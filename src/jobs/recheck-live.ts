// recheck-live: RECHECK_LIVE_DAYS after a post was verified (or approved), checks it is still
// online. A removed post becomes status "removed", is flagged to the managers' channel and told to
// the influencer; under
// the policy "reverse" (ProgramSetting "recheck-live" = {"onRemoved":"reverse"}) its points are
// also taken back with a ledger entry keyed reversal:submission:<id> (once, whatever happens; the
// award is found under its participation key or the older submission key).
// Inconclusive checks are retried later (nextCheckAt). Without a verifier: "not available".
import { missionTitleParam } from "../domain/content-translations.js";
import { z } from "zod";
import { DAY } from "../clock.js";
import type { Deps } from "../services/deps.js";
import { appendEntry, currentCycle, cycleBalance } from "../services/ledger.js";
import { tellInfluencers, submissionNoticeKey, type InfluencerNotice } from "../services/outcome-notices.js";
import { existingAward } from "../services/points.js";
import { recordEngagement } from "../services/post-metrics.js";
import { enqueue, type OutboxItem } from "../services/outbox.js";
import { recheckDelayMs, type PostChecker } from "./post-checker.js";
import { notAvailable, type JobCounts, type JobDefinition } from "./types.js";
import { loadDue, VERIFY_BATCH } from "./verify-submissions.js";
import { inMissionThread } from "../services/mission-threads.js";

export const RECHECK_SETTING = "recheck-live";
/** The ledger reason of a reversal, also quoted to the influencer. */
const REMOVED_REASON = "post removed";
const policySchema = z.object({ onRemoved: z.enum(["flag", "reverse"]).default("flag") });
export type RemovedPolicy = z.infer<typeof policySchema>["onRemoved"];

export async function removedPostPolicy(deps: Pick<Deps, "db">): Promise<RemovedPolicy> {
  const row = await deps.db.programSetting.findUnique({ where: { key: RECHECK_SETTING } });
  const parsed = policySchema.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data.onRemoved : "flag";
}

function dueWhere(deps: Deps, now: Date) {
  const cutoff = new Date(now.getTime() - deps.config.RECHECK_LIVE_DAYS * DAY);
  return {
    status: { in: ["verified", "approved"] },
    liveCheckedAt: null,
    OR: [{ verifiedAt: { lte: cutoff } }, { verifiedAt: null, decidedAt: { lte: cutoff } }],
    AND: [{ OR: [{ nextCheckAt: null }, { nextCheckAt: { lte: now } }] }],
  };
}

export async function runRecheckLive(deps: Deps, now: Date, checker: PostChecker): Promise<JobCounts> {
  const { db, config } = deps;
  const counts = { checked: 0, live: 0, removed: 0, reversed: 0, unknown: 0 };
  const due = await loadDue(deps, dueWhere(deps, now), VERIFY_BATCH);
  const policy = due.length ? await removedPostPolicy(deps) : "flag";
  const items: OutboxItem[] = [];
  const told: InfluencerNotice[] = [];
  // Reach and engagement days later, at the live re-check (YouTube with an API key).
  await recordEngagement(db, checker.engagement, due, now);
  for (const s of due) {
    counts.checked++;
    const live = await checker.isLive(s);
    if (live === "unknown") {
      counts.unknown++;
      await db.submission.updateMany({ where: { id: s.id, liveCheckedAt: null }, data: { nextCheckAt: new Date(now.getTime() + recheckDelayMs(3)) } });
      continue;
    }
    if (live === "live") {
      counts.live++;
      await db.submission.updateMany({ where: { id: s.id }, data: { liveCheckedAt: now, nextCheckAt: null } });
      continue;
    }
    const won = await db.submission.updateMany({ where: { id: s.id, status: { in: ["verified", "approved"] } }, data: { status: "removed", liveCheckedAt: now, nextCheckAt: null } });
    if (!won.count) continue;
    counts.removed++;
    let reversed: { amount: number; balance: number } | null = null;
    if (policy === "reverse") {
      const award = await existingAward(db, s.participationId);
      if (award && award.amount > 0) {
        const cycle = await currentCycle(db, { now: () => now });
        const r = await appendEntry(db, {
          influencerId: award.influencerId, cycleId: cycle.id, amount: -award.amount, kind: "reversal",
          idempotencyKey: `reversal:submission:${s.id}`, reference: `submission:${s.id}`, reason: REMOVED_REASON, createdBy: "system",
        });
        if (r.created) counts.reversed++;
        reversed = { amount: r.entry.amount, balance: await cycleBalance(db, award.influencerId, cycle.id) };
      }
    }
    // The influencer hears it too (before, only managers did), with any points taken back.
    told.push({
      influencerId: s.influencerId, purpose: "submission.removed", dedupeKey: `${submissionNoticeKey(s)}:removed:influencer`,
      ...(reversed
        ? { messageId: "outcome.post_removed_reversed", params: { title: missionTitleParam(s.mission), url: s.url, amount: reversed.amount, reason: REMOVED_REASON, balance: reversed.balance } }
        : { messageId: "outcome.post_removed_kept", params: { title: missionTitleParam(s.mission), url: s.url } }),
    });
    if (config.SLACK_MANAGER_CHANNEL) {
      items.push({
        platform: "slack", recipient: config.SLACK_MANAGER_CHANNEL, purpose: "review.removed", batchKey: "review.removed", dedupeKey: `submission:${s.id}:removed`,
        payload: inMissionThread(s.mission.id, { kind: "i18n", messageId: "jobs.recheck.removed", params: { id: s.id, title: s.mission.title, url: s.url, policy } }),
      });
    }
  }
  await enqueue(db, items);
  await tellInfluencers(deps, told);
  return { ...counts, policy };
}

export function recheckLiveJob(checker: PostChecker | undefined): JobDefinition {
  return {
    name: "recheck-live",
    cronSetting: "JOB_RECHECK_LIVE_CRON",
    run: async (deps, now) => {
      if (checker) return runRecheckLive(deps, now, checker);
      const due = await deps.db.submission.count({ where: dueWhere(deps, now) });
      return { ...notAvailable("the post verifier (src/verify)"), due };
    },
  };
}
