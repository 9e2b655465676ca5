// leaderboard-broadcast: the current cycle's top 10 posted to the configured Telegram groups,
// Discord announce channel and Slack manager channel, and a personal "your rank this week" to
// active influencers who opted in. One grouped query for the standings (ranked like the cycle
// close: domain/cycle-close rankStandings), one for names, one for the opted-in audience; all
// rows enqueued in batches with dedupe keys per slot, so a re-run of the slot sends nothing twice.
import { cycleStandings } from "../services/leaderboard.js";
import type { Platform } from "../engine/events.js";
import { list, message, paragraph, type Inline } from "../engine/message.js";
import { t } from "../i18n/translate.js";
import type { Deps } from "../services/deps.js";
import { enqueue, type OutboxItem } from "../services/outbox.js";
import { contactsOf } from "./contacts.js";
import type { JobCounts, JobDefinition } from "./types.js";

export const TOP = 10;

export function leaderboardChannels(config: Deps["config"]): { platform: Platform; chat: string }[] {
  return [
    ...config.TELEGRAM_LEADERBOARD_CHATS.map((chat) => ({ platform: "telegram" as const, chat })),
    ...(config.DISCORD_ANNOUNCE_CHANNEL_ID ? [{ platform: "discord" as const, chat: config.DISCORD_ANNOUNCE_CHANNEL_ID }] : []),
    ...(config.SLACK_MANAGER_CHANNEL ? [{ platform: "slack" as const, chat: config.SLACK_MANAGER_CHANNEL }] : []),
  ];
}

export async function runLeaderboardBroadcast(deps: Deps, now: Date): Promise<JobCounts> {
  const { db, config } = deps;
  const cycle = await db.cycle.findFirst({ where: { status: "open" }, orderBy: { startsAt: "desc" } });
  if (!cycle) return { cycle: "none open", channels: 0, personal: 0, enqueued: 0 };
  const standings = await cycleStandings(db, cycle.id);
  const top = standings.slice(0, TOP);
  const names = new Map(
    (await db.influencer.findMany({ where: { id: { in: top.map((s) => s.influencerId) } }, select: { id: true, displayName: true } })).map((i) => [i.id, i.displayName]),
  );
  const locale = config.DEFAULT_LOCALE;
  const lines: Inline[][] = top.map((s) => [`${s.rank}. ${names.get(s.influencerId) || t(locale, "jobs.leaderboard.anonymous", { id: s.influencerId })}: ${s.points}`]);
  const board = message(
    [paragraph({ bold: t(locale, "jobs.leaderboard.title", { brand: config.BRAND_NAME, cycle: cycle.name }) }), lines.length ? list(lines) : paragraph(t(locale, "jobs.leaderboard.empty"))],
    { disablePreview: true },
  );
  const slot = now.toISOString();
  const batchKey = `leaderboard:${slot}`;
  const items: OutboxItem[] = leaderboardChannels(config).map(({ platform, chat }) => ({
    platform, recipient: chat, purpose: "leaderboard.post", batchKey, dedupeKey: `leaderboard:${slot}:${platform}:${chat}`, payload: { kind: "message", message: board },
  }));
  const channels = items.length;

  const optedIn = await db.influencer.findMany({ where: { status: "active", leaderboardOptIn: true, messagesPaused: false, deletedAt: null }, select: { id: true } });
  const contacts = await contactsOf(deps, optedIn.map((i) => i.id));
  const rankOf = new Map(standings.map((s) => [s.influencerId, s]));
  for (const c of contacts.values()) {
    const s = rankOf.get(c.influencerId);
    items.push({
      platform: c.platform, recipient: c.recipient, influencerId: c.influencerId, purpose: "leaderboard.personal", batchKey,
      dedupeKey: `leaderboard:${slot}:influencer:${c.influencerId}`,
      payload: s
        ? { kind: "i18n", messageId: "jobs.leaderboard.your_rank", params: { rank: s.rank, total: standings.length, points: s.points, cycle: cycle.name } }
        : { kind: "i18n", messageId: "jobs.leaderboard.no_points", params: { cycle: cycle.name } },
    });
  }
  const enqueued = await enqueue(db, items);
  return { cycle: cycle.name, ranked: standings.length, channels, personal: items.length - channels, enqueued };
}

export const leaderboardBroadcastJob: JobDefinition = { name: "leaderboard-broadcast", cronSetting: "JOB_LEADERBOARD_BROADCAST_CRON", run: runLeaderboardBroadcast };
