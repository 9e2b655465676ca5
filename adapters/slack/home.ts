// The App Home views (pure): a manager's program at a glance, or a person's own balance and
// missions — never manager data for someone who is not a manager. Review buttons reuse the review
// cards' actions, so a decision taken on the Home tab is the same decision as on a card.
import type { Locale } from "../../src/config.js";
import { t } from "../../src/i18n/translate.js";
import type { InfluencerHome, ManagerHome } from "../../src/services/home-summary.js";
import { personLabel } from "../../src/services/influencer-card.js";
import { CONSOLE_DASHBOARD, MANAGER_ACTIONS } from "../../src/engine/manage/index.js";
import { buttonBlocks, escapeMrkdwn, type SlackBlock } from "./render.js";

const DAY_MS = 86_400_000;
const section = (text: string): SlackBlock => ({ type: "section", text: { type: "mrkdwn", text: text.slice(0, 3000), verbatim: true } });
const header = (text: string): SlackBlock => ({ type: "header", text: { type: "plain_text", text: text.slice(0, 150), emoji: true } });
const context = (text: string): SlackBlock => ({ type: "context", elements: [{ type: "mrkdwn", text: text.slice(0, 3000) }] });
const e = (s: string) => escapeMrkdwn(s);

export function managerHomeView(locale: Locale, home: ManagerHome, now: Date, dashboardUrl?: string): SlackBlock {
  const blocks: SlackBlock[] = [header(t(locale, "slack.home.manager_title"))];
  blocks.push(section(`*${t(locale, "slack.home.pending", { count: home.pendingTotal })}*`));
  home.pending.forEach((item, index) => {
    blocks.push(section(t(locale, "slack.home.review_line", {
      id: item.id, mission: e(item.missionTitle), name: e(personLabel({ id: item.influencerId, name: item.influencerName, handle: item.influencerHandle ?? null })), network: item.network, attempt: item.attempt, url: e(item.url),
    })));
    // the index keeps action ids unique in the view (Slack refuses duplicates)
    blocks.push(...buttonBlocks([[
      { action: MANAGER_ACTIONS.reviewApprove, label: t(locale, "manage.button.approve"), payload: String(item.id), style: "primary" },
      { action: MANAGER_ACTIONS.reviewReject, label: t(locale, "manage.button.reject"), payload: String(item.id), style: "danger" },
    ]], index * 2));
  });
  if (home.pendingTotal > home.pending.length) blocks.push(context(t(locale, "slack.home.pending_more", { count: home.pendingTotal - home.pending.length })));
  blocks.push({ type: "divider" });
  blocks.push(section(`*${t(locale, "slack.home.live", { count: home.live.length })}*`));
  for (const m of home.live) {
    blocks.push(section(t(locale, "slack.home.mission_line", { title: e(m.title), accepted: m.accepted, submitted: m.submitted, approved: m.verified, clicks: m.clicks })));
  }
  blocks.push({ type: "divider" });
  blocks.push(section(home.cycle
    ? t(locale, "slack.home.cycle", { name: e(home.cycle.name), days: Math.max(0, Math.ceil((home.cycle.endsAt.getTime() - now.getTime()) / DAY_MS)), points: home.cycle.pointsIssued })
    : t(locale, "slack.home.no_cycle")));
  blocks.push(section(t(locale, "slack.home.failing", { count: home.failingDeliveries })));
  blocks.push(context(t(locale, "slack.home.commands")));
  // The dashboard: a sign-in link is single-use and short-lived, so the button asks for a fresh one
  // when pressed (sent to the manager's DM) rather than carrying a link that would go stale here.
  blocks.push(...buttonBlocks([[dashboardUrl
    ? { action: "slack.dashboard", label: t(locale, "slack.home.dashboard"), url: dashboardUrl }
    : { action: CONSOLE_DASHBOARD, label: t(locale, "slack.home.dashboard") }]], home.pending.length * 2));
  return { type: "home", blocks };
}

export function influencerHomeView(locale: Locale, home: InfluencerHome, timeZone?: string): SlackBlock {
  const blocks: SlackBlock[] = [header(t(locale, "slack.home.someone_title"))];
  if (!home.known) {
    blocks.push(section(t(locale, "slack.home.not_joined")));
    return { type: "home", blocks };
  }
  blocks.push(section(`*${t(locale, "slack.home.balance", { points: home.balance })}*`));
  blocks.push(section(t(locale, "slack.home.your_missions", { count: home.missions.length })));
  for (const m of home.missions) {
    blocks.push(section(t({ locale, timeZone: timeZone ?? null }, "slack.home.your_mission_line", { title: e(m.title), status: m.status, deadline: m.deadline })));
  }
  blocks.push(context(t(locale, "slack.home.how_to_submit")));
  return { type: "home", blocks };
}
