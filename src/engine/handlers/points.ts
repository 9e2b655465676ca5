// /points, /leaderboard, /rewards with a confirmed redemption.
import { leaderboard } from "../../services/leaderboard.js";
import { pointsSummary } from "../../services/points.js";
import { getReward, listRewards } from "../../services/rewards.js";
import { redeemConfirmed, redemptionHistory, registerRedeemFlow } from "./rewards-redeem.js";
import type { Context } from "../context.js";
import { list, paragraph, bold } from "../message.js";
import type { Router } from "../router.js";
import { isPageClick, pageButtons, pageLine, pageOf, requestedPage } from "../pages.js";
import { member, payloadId } from "./shared.js";
import { dateOnly } from "../../i18n/dates.js";
import { yourLinks } from "../../reports/your-links.js";
import { localized, type Tier } from "../../domain/tiers.js";
import { tb, ti } from "../../i18n/translate.js";
import type { Block } from "../message.js";
import { badgesOf, tierOf } from "../../services/tiers.js";
import { rewardTextFor } from "../../domain/content-translations.js";
import { translatedEntryTitles } from "../../services/entry-titles.js";
import { referButton } from "./referrals.js";
import { REFERRAL_REASON } from "../../services/referrals.js";

export const ACTION_REWARD_REDEEM = "reward.redeem";
export const ACTION_REWARD_CONFIRM = "reward.confirm";
export const ACTION_REWARD_CANCEL = "reward.cancel";
export const ACTION_REWARDS_PAGE = "rewards.page";

async function points(ctx: Context): Promise<void> {
  const inf = member(ctx);
  if (!inf) return;
  const s = await pointsSummary(ctx.deps, inf.id);
  ctx.replyWith("points.summary", { balance: s.balance, earned: s.earned, rolled: s.rolledOver, lifetime: s.lifetime, cycle: s.cycle.name, ends: s.cycle.endsAt });
  await tierAndBadges(ctx, inf.id, s.cycle);
  // "Your links" (issue 13): clicks and sales through their personal tracking links, per mission.
  const links = await yourLinks(ctx.deps.db, inf.id, ctx.locale);
  if (links.length) ctx.reply({ blocks: [paragraph(bold(ctx.t("journey.points.links_title"))), list(links.map((l) => [ctx.t("journey.points.link_row", { title: l.title, clicks: l.clicks, conversions: l.conversions })]))] });
  if (!s.recent.length) return ctx.replyWith("journey.points.no_entries");
  // Mission titles and reward names in the reader's language where the manager translated them.
  const titles = await translatedEntryTitles(ctx.deps.db, s.recent, ctx.locale);
  const reader = { locale: ctx.locale, timeZone: ctx.timeZone };
  // Each line's date is its day alone, shown natively (a history line needs no hour nor "3 days ago").
  ctx.reply({
    blocks: [
      paragraph(bold(ctx.t("journey.points.recent"))),
      list(s.recent.map((e) => ti(reader, "journey.points.entry", { sign: e.amount > 0 ? "+" : "", amount: e.amount, kind: ctx.t(`journey.points.kind.${e.kind}`), detail: entryDetail(ctx, { ...e, reason: titles.get(e.id) ?? e.reason }), date: dateOnly(e.createdAt) }))),
    ],
  });
}

/** "Tier: Silver — 120 points to Gold", its perks, and the badges held (issue 21), in one message. */
async function tierAndBadges(ctx: Context, influencerId: number, cycle: { id: number }): Promise<void> {
  const [tier, badges] = await Promise.all([tierOf(ctx.deps, influencerId, cycle), badgesOf(ctx.deps.db, [influencerId])]);
  const reader = { locale: ctx.locale, timeZone: ctx.timeZone };
  const name = (t: Tier) => localized(t.names, ctx.locale);
  const blocks: Block[] = [];
  if (tier.current && tier.next) blocks.push(...tb(reader, "growth.points.tier_next", { tier: name(tier.current), missing: tier.toNext, next: name(tier.next) }));
  else if (tier.current) blocks.push(...tb(reader, "growth.points.tier_top", { tier: name(tier.current) }));
  else if (tier.next) blocks.push(...tb(reader, "growth.points.tier_none", { missing: tier.toNext, next: name(tier.next) }));
  const perks = tier.current ? localized(tier.current.perks, ctx.locale) : "";
  if (perks) blocks.push(...tb(reader, "growth.points.perks", { tier: name(tier.current!), perks }));
  const held = badges.get(influencerId) ?? [];
  if (held.length) blocks.push(...tb(reader, "growth.points.badges", { badges: held.map((b) => ctx.t(`growth.badge.${b}`)).join(" · ") }));
  const invite = await referButton(ctx);
  if (invite && !blocks.length) blocks.push(...tb(reader, "growth.refer.points_hint"));
  if (blocks.length) ctx.reply({ blocks, ...(invite ? { buttons: [[invite]] } : {}) });
}

/** The entry's reason in the reader's language. Reasons the system wrote in English before
 * ("rank 3", "post removed") are translated here; titles and manager notes are shown as typed. */
function entryDetail(ctx: Context, e: { kind: string; reason: string | null }): string {
  if (!e.reason) return "";
  const rank = e.kind === "bonus" ? /^rank (\d+)$/.exec(e.reason) : null;
  if (rank) return ` · ${ctx.t("journey.points.reason.rank", { rank: rank[1]! })}`;
  if (e.kind === "reversal" && e.reason === "post removed") return ` · ${ctx.t("journey.points.reason.post_removed")}`;
  if (e.kind === "adjustment" && e.reason === REFERRAL_REASON) return ` · ${ctx.t("growth.points.reason.referral")}`;
  return ` · ${e.reason}`;
}

async function board(ctx: Context): Promise<void> {
  const inf = member(ctx);
  if (!inf) return;
  const lb = await leaderboard(ctx.deps, inf.id);
  if (!lb.top.length) return ctx.replyWith("journey.leaderboard.empty");
  const name = (r: { name: string | null; influencerId: number }) => r.name ?? ctx.t("journey.leaderboard.anonymous", { id: r.influencerId });
  ctx.reply({
    blocks: [
      paragraph(bold(ctx.t("journey.leaderboard.title"))),
      list(lb.top.map((r) => [`${r.rank}. `, r.influencerId === inf.id ? bold(name(r)) : name(r), ` — ${ctx.t("journey.leaderboard.points", { points: r.points })}`])),
    ],
  });
  if (lb.own) ctx.replyWith("leaderboard.own", { rank: lb.own.rank, points: lb.own.points, total: lb.participants });
  else ctx.replyWith("journey.leaderboard.unranked");
}

async function rewards(ctx: Context): Promise<void> {
  const inf = member(ctx);
  if (!inf) return;
  const items = await listRewards(ctx.deps);
  // A page button edits the list message in place; the balance line and the hints are not repeated.
  const paging = isPageClick(ctx, ACTION_REWARDS_PAGE);
  if (!items.length) {
    ctx.replyWith("journey.rewards.none", {}, paging ? { replace: "message" } : {});
    if (!paging) await redemptionHistory(ctx, inf.id);
    return;
  }
  const s = await pointsSummary(ctx.deps, inf.id, 0);
  if (!paging) ctx.replyWith("journey.rewards.intro", { balance: s.balance });
  // Each reward says whether it can be redeemed now; only those get a Redeem button, so nobody
  // learns at the confirmation that the points or the stock were never there.
  const soldOut = (r: (typeof items)[number]) => r.stock !== null && r.stock <= 0;
  const canRedeem = (r: (typeof items)[number]) => !soldOut(r) && s.balance >= r.cost;
  const standing = (r: (typeof items)[number]) =>
    soldOut(r) ? ctx.t("rewards.sold_out") : canRedeem(r) ? ctx.t("rewards.can_redeem") : ctx.t("rewards.missing", { missing: r.cost - s.balance });
  const page = pageOf(items, requestedPage(ctx, ACTION_REWARDS_PAGE));
  // Name and description in the reader's language (both from one translation), else the program's.
  const text = (r: (typeof items)[number]) => rewardTextFor(r, ctx.locale);
  ctx.reply({
    blocks: [list(page.items.map((r) => [bold(text(r).name), ` — ${ctx.t("journey.rewards.cost", { cost: r.cost })} · ${r.stock === null ? ctx.t("journey.rewards.unlimited") : ctx.t("journey.rewards.stock", { stock: r.stock })} · ${standing(r)}${text(r).description ? ` · ${text(r).description}` : ""}`])), ...pageLine(ctx, page)],
    buttons: [
      ...page.items.filter(canRedeem).map((r) => [{ action: ACTION_REWARD_REDEEM, payload: String(r.id), label: ctx.t("journey.rewards.redeem_button", { name: text(r).name.slice(0, 40), cost: r.cost }) }]),
      ...pageButtons(ACTION_REWARDS_PAGE, page),
    ],
    ...(paging ? { replace: "message" as const } : {}),
  });
  if (!paging && !items.some(canRedeem)) ctx.replyWith("rewards.none_affordable");
  if (!paging) await redemptionHistory(ctx, inf.id);
}

async function askConfirm(ctx: Context): Promise<void> {
  const inf = member(ctx);
  const id = payloadId(ctx);
  if (!inf || !id) return;
  const r = await getReward(ctx.deps, id);
  if (!r || !r.active) return ctx.replyWith("journey.rewards.not_found");
  ctx.replyWith("journey.rewards.confirm", { name: rewardTextFor(r, ctx.locale).name, cost: r.cost }, {
    buttons: [[
      { action: ACTION_REWARD_CONFIRM, payload: String(id), label: ctx.t("journey.rewards.confirm_yes"), style: "primary" },
      { action: ACTION_REWARD_CANCEL, label: ctx.t("journey.rewards.confirm_no") },
    ]],
  });
}

async function confirm(ctx: Context): Promise<void> {
  const inf = member(ctx);
  const id = payloadId(ctx);
  if (!inf || !id) return;
  await redeemConfirmed(ctx, inf, id);
}

export function registerPointsHandlers(router: Router): void {
  router.command("points", points);
  router.command("leaderboard", board);
  router.command("rewards", rewards);
  router.action(ACTION_REWARDS_PAGE, rewards);
  router.action(ACTION_REWARD_REDEEM, askConfirm);
  router.action(ACTION_REWARD_CONFIRM, confirm);
  router.action(ACTION_REWARD_CANCEL, (ctx) => ctx.replyWith("journey.rewards.cancelled"));
  registerRedeemFlow(router);
}
