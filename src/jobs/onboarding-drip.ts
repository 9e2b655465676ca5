// onboarding-drip: the day-1, day-3 and day-7 messages after an influencer finished onboarding
// (Influencer.activatedAt). Each step is enqueued once (dedupe key) while it is due — within two
// days of its day, so an influencer activated long ago does not receive a stale drip — and not
// during their quiet hours (the next run picks it up).
import { DAY } from "../clock.js";
import type { Deps } from "../services/deps.js";
import { enqueue, type OutboxItem } from "../services/outbox.js";
import { contactsOf } from "./contacts.js";
import { isQuietTime } from "./local-time.js";
import type { JobCounts, JobDefinition } from "./types.js";

export const DRIP_DAYS = [1, 3, 7] as const;
const DUE_WINDOW = 2 * DAY;

export async function runOnboardingDrip(deps: Deps, now: Date): Promise<JobCounts> {
  const counts = { day1: 0, day3: 0, day7: 0, quiet: 0, unreachable: 0, enqueued: 0 };
  const last = DRIP_DAYS[DRIP_DAYS.length - 1] ?? 7;
  const recent = await deps.db.influencer.findMany({
    where: {
      status: "active", deletedAt: null,
      activatedAt: { lte: new Date(now.getTime() - DAY), gt: new Date(now.getTime() - last * DAY - DUE_WINDOW) },
    },
    select: { id: true, activatedAt: true },
  });
  const contacts = await contactsOf(deps, recent.map((r) => r.id));
  const items: OutboxItem[] = [];
  for (const r of recent) {
    const age = now.getTime() - (r.activatedAt as Date).getTime();
    const day = DRIP_DAYS.find((d) => age >= d * DAY && age < d * DAY + DUE_WINDOW);
    if (!day) continue;
    const c = contacts.get(r.id);
    if (!c) { counts.unreachable++; continue; }
    if (isQuietTime(now, c.timezone, deps.config.QUIET_HOURS)) { counts.quiet++; continue; }
    counts[`day${day}`]++;
    items.push({
      platform: c.platform, recipient: c.recipient, influencerId: r.id, purpose: `drip.day${day}`,
      batchKey: `drip:day${day}`, dedupeKey: `drip:day${day}:influencer:${r.id}`,
      payload: { kind: "i18n", messageId: `jobs.drip.day${day}`, params: { brand: deps.config.BRAND_NAME, disclosure: deps.config.DISCLOSURE_TAG } },
    });
  }
  counts.enqueued = await enqueue(deps.db, items);
  return counts;
}

export const onboardingDripJob: JobDefinition = { name: "onboarding-drip", cronSetting: "JOB_ONBOARDING_DRIP_CRON", run: runOnboardingDrip };
