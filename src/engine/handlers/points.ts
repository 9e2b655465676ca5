// /points, /leaderboard, /rewards with a confirmed redemption.
import { leaderboard } from "../../services/leaderboard.js";
import { pointsSummary } from "../../services/points.js";
import { getReward, listRewards, redeemReward } from "../../services/rewards.js";
import type { Context } from "../context.js";
import { list, paragraph, bold } from "../message.js";
import type { Router } from "../router.js";
import { formatDeadline } from "../mission-card.js";
import { member, payloadId } from "./shared.js";

export const ACTION_REWARD_REDEEM = "reward.redeem";
export const ACTION_REWARD_CONFIRM = "reward.confirm";
export const ACTION_REWARD_CANCEL = "reward.cancel";

async function points(ctx: Context): Promise<void> {
  const inf = member(ctx);
  if (!inf) return;
  const s = await pointsSummary(ctx.deps, inf.id);
  ctx.replyWith("points.summary", { balance: s.balance, earned: s.earned, rolled: s.rolledOver, lifetime: s.lifetime, cycle: s.cycle.name, ends: formatDeadline(s.cycle.endsAt) });
  if (!s.recent.length) return ctx.replyWith("journey.points.no_entries");
  ctx.reply({
    blocks: [
      paragraph(bold(ctx.t("journey.points.recent"))),
      list(s.recent.map((e) => [`${e.amount > 0 ? "+" : ""}${e.amount} · ${ctx.t(`journey.points.kind.${e.kind}`)}${e.reason ? ` · ${e.reason}` : ""} · ${e.createdAt.toISOString().slice(0, 10)}`])),
    ],
  });
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
      list(lb.top.map((r) => [`${r.rank}. `, r.influencerId === inf.id ? bold(name(r)) : name(r), ` — ${r.points}`])),
    ],
  });
  if (lb.own) ctx.replyWith("leaderboard.own", { rank: lb.own.rank, points: lb.own.points, total: lb.participants });
  else ctx.replyWith("journey.leaderboard.unranked");
}

async function rewards(ctx: Context): Promise<void> {
  const inf = member(ctx);
  if (!inf) return;
  const items = await listRewards(ctx.deps);
  if (!items.length) return ctx.replyWith("journey.rewards.none");
  const s = await pointsSummary(ctx.deps, inf.id, 0);
  ctx.replyWith("journey.rewards.intro", { balance: s.balance });
  // Each reward says whether it can be redeemed now; only those get a Redeem button, so nobody
  // learns at the confirmation that the points or the stock were never there.
  const soldOut = (r: (typeof items)[number]) => r.stock !== null && r.stock <= 0;
  const canRedeem = (r: (typeof items)[number]) => !soldOut(r) && s.balance >= r.cost;
  const standing = (r: (typeof items)[number]) =>
    soldOut(r) ? ctx.t("rewards.sold_out") : canRedeem(r) ? ctx.t("rewards.can_redeem") : ctx.t("rewards.missing", { missing: r.cost - s.balance });
  const redeemable = items.filter(canRedeem);
  ctx.reply({
    blocks: [list(items.map((r) => [bold(r.name), ` — ${ctx.t("journey.rewards.cost", { cost: r.cost })} · ${r.stock === null ? ctx.t("journey.rewards.unlimited") : ctx.t("journey.rewards.stock", { stock: r.stock })} · ${standing(r)}${r.description ? ` · ${r.description}` : ""}`]))],
    buttons: redeemable.slice(0, 10).map((r) => [{ action: ACTION_REWARD_REDEEM, payload: String(r.id), label: ctx.t("journey.rewards.redeem_button", { name: r.name.slice(0, 40), cost: r.cost }) }]),
  });
  if (!redeemable.length) ctx.replyWith("rewards.none_affordable");
}

async function askConfirm(ctx: Context): Promise<void> {
  const inf = member(ctx);
  const id = payloadId(ctx);
  if (!inf || !id) return;
  const r = await getReward(ctx.deps, id);
  if (!r || !r.active) return ctx.replyWith("journey.rewards.not_found");
  ctx.replyWith("journey.rewards.confirm", { name: r.name, cost: r.cost }, {
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
  const r = await redeemReward(ctx.deps, inf.id, id);
  if (!r.ok) return ctx.replyWith(r.error, r.params);
  ctx.replyWith("journey.rewards.redeemed", { name: r.value.reward.name, balance: r.value.balance });
}

export function registerPointsHandlers(router: Router): void {
  router.command("points", points);
  router.command("leaderboard", board);
  router.command("rewards", rewards);
  router.action(ACTION_REWARD_REDEEM, askConfirm);
  router.action(ACTION_REWARD_CONFIRM, confirm);
  router.action(ACTION_REWARD_CANCEL, (ctx) => ctx.replyWith("journey.rewards.cancelled"));
}
