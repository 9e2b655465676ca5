// reminders: influencers who accepted a mission and have not submitted hear 48 h and 6 h before
// the deadline; onboarding left unfinished gets a nudge after 24 h and 72 h. Dedupe keys make each
// reminder happen at most once; during quiet hours (influencer's timezone, when known) nothing is
// enqueued — the next run after the quiet hours does it, while the reminder is still due.
import { missionTitleParam } from "../domain/content-translations.js";
import { DAY, HOUR } from "../clock.js";
import type { Deps } from "../services/deps.js";
import { enqueue, type OutboxItem } from "../services/outbox.js";
import { trackingUrl } from "../services/tracking.js";
import { contactsOf } from "./contacts.js";
import { dateParam } from "../i18n/dates.js";
import { isQuietTime } from "./local-time.js";
import type { JobCounts, JobDefinition } from "./types.js";

/** Onboarding older than this is abandoned: no more nudges (a new deployment does not nag old sign-ups). */
const ONBOARDING_GIVE_UP = 7 * DAY;

export async function runReminders(deps: Deps, now: Date): Promise<JobCounts> {
  const counts = { deadline48: 0, deadline6: 0, onboarding24: 0, onboarding72: 0, quiet: 0, unreachable: 0, enqueued: 0 };
  const items: OutboxItem[] = [];
  const quiet = deps.config.QUIET_HOURS;

  const open = await deps.db.participation.findMany({
    where: {
      status: "accepted",
      submissions: { none: {} },
      mission: { status: "published", deadline: { gt: now, lte: new Date(now.getTime() + 48 * HOUR) } },
    },
    select: { id: true, influencerId: true, mission: { select: { id: true, title: true, deadline: true, translations: true } } },
  });
  const onboarding = await deps.db.influencer.findMany({
    where: { status: "onboarding", deletedAt: null, onboardingStartedAt: { lte: new Date(now.getTime() - 24 * HOUR), gt: new Date(now.getTime() - ONBOARDING_GIVE_UP) } },
    select: { id: true, onboardingStartedAt: true },
  });
  const contacts = await contactsOf(deps, [...open.map((p) => p.influencerId), ...onboarding.map((i) => i.id)]);
  // Their personal tracking links (issue 13), one query for all.
  const links = open.length ? await deps.db.trackingLink.findMany({ where: { participationId: { in: open.map((p) => p.id) } }, select: { participationId: true, code: true } }) : [];
  const linkOf = new Map(links.map((l) => [l.participationId!, trackingUrl(deps, l.code)]));

  for (const p of open) {
    const c = contacts.get(p.influencerId);
    if (!c) { counts.unreachable++; continue; }
    if (isQuietTime(now, c.timezone, quiet)) { counts.quiet++; continue; }
    // Only the most urgent one: accepting 10 h before the deadline gets the 6 h reminder, not both.
    const kind = p.mission.deadline.getTime() - now.getTime() <= 6 * HOUR ? "deadline6" : "deadline48";
    counts[kind]++;
    items.push({
      platform: c.platform, recipient: c.recipient, influencerId: c.influencerId, purpose: "reminder.deadline",
      batchKey: `reminder:${kind}:mission:${p.mission.id}`, dedupeKey: `reminder:${kind}:participation:${p.id}`,
      payload: linkOf.has(p.id)
        ? { kind: "i18n", messageId: `jobs.reminder.${kind}_link`, params: { title: missionTitleParam(p.mission), deadline: dateParam(p.mission.deadline), link: linkOf.get(p.id)! } }
        : { kind: "i18n", messageId: `jobs.reminder.${kind}`, params: { title: missionTitleParam(p.mission), deadline: dateParam(p.mission.deadline) } },
    });
  }
  for (const i of onboarding) {
    const c = contacts.get(i.id);
    if (!c) { counts.unreachable++; continue; }
    if (isQuietTime(now, c.timezone, quiet)) { counts.quiet++; continue; }
    const kind = now.getTime() - i.onboardingStartedAt.getTime() >= 72 * HOUR ? "onboarding72" : "onboarding24";
    counts[kind]++;
    items.push({
      platform: c.platform, recipient: c.recipient, influencerId: i.id, purpose: "reminder.onboarding",
      batchKey: `reminder:${kind}`, dedupeKey: `reminder:${kind}:influencer:${i.id}`,
      payload: { kind: "i18n", messageId: `jobs.reminder.${kind}`, params: { brand: deps.config.BRAND_NAME } },
    });
  }
  // Counts above are "due"; enqueued is what was new (already-sent reminders are dedupe no-ops).
  counts.enqueued = await enqueue(deps.db, items);
  return counts;
}

export const remindersJob: JobDefinition = { name: "reminders", cronSetting: "JOB_REMINDERS_CRON", run: runReminders };
