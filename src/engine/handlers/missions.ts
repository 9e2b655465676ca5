// /missions, the mission card with Accept / Decline, and /submit (or the Submit button on an
// accepted mission) asking for the post link.
import { acceptMission, declineMission, getMission, listEligibleMissions, measurementFor, missionsAwaitingLink } from "../../services/missions.js";
import { submitLink } from "../../services/submissions.js";
import type { Context } from "../context.js";
import { ACTION_MISSION_ACCEPT, ACTION_MISSION_DECLINE, formatDeadline, missionCard, personalBlocks } from "../mission-card.js";
import { formatDate } from "../../i18n/dates.js";
import { bold, link, list, paragraph } from "../message.js";
import { personalLinks } from "../../services/tracking.js";
import type { Router } from "../router.js";
import { commandArgs, member, payloadId, text } from "./shared.js";

export const FLOW_SUBMIT = "submit";
export const ACTION_MISSION_VIEW = "mission.view";
export const ACTION_SUBMIT_START = "submit.start";

async function missions(ctx: Context): Promise<void> {
  const inf = member(ctx);
  if (!inf) return;
  const items = await listEligibleMissions(ctx.deps, inf.id);
  if (!items.length) return ctx.replyWith("journey.missions.none");
  ctx.replyWith("journey.missions.list_intro", { count: items.length }, {
    buttons: items.slice(0, 10).map(({ mission: m, participation: p }) => [{
      action: ACTION_MISSION_VIEW,
      payload: String(m.id),
      label: ctx.t(p && p.status !== "offered" ? "journey.missions.item_mine" : "journey.missions.item", {
        title: m.title.slice(0, 40), points: m.points, deadline: formatDate(m.deadline, ctx),
      }),
    }]),
  });
  // Their personal tracking links, so the right one is always at hand.
  const mine = items.filter(({ participation: p }) => p && !["offered", "declined", "expired"].includes(p.status));
  const links = await personalLinks(ctx.deps, inf.id, mine.map((i) => i.mission.id));
  if (links.size) {
    ctx.reply({ blocks: [paragraph(bold(ctx.t("journey.tracking.links_intro"))), list(mine.filter((i) => links.has(i.mission.id)).map((i) => [`${i.mission.title}: `, link(links.get(i.mission.id)!, links.get(i.mission.id)!)]))] });
  }
}

async function view(ctx: Context): Promise<void> {
  const inf = member(ctx);
  const id = payloadId(ctx);
  if (!inf || !id) return;
  const m = await getMission(ctx.deps, id);
  if (!m || m.status === "draft") return ctx.replyWith("journey.missions.not_found");
  const part = await ctx.deps.db.participation.findUnique({ where: { missionId_influencerId: { missionId: id, influencerId: inf.id } } });
  const mine = part && part.status !== "offered" && part.status !== "declined";
  const card = missionCard(m, ctx, { buttons: !mine, ...(mine ? { personal: await measurementFor(ctx.deps, part.id) } : {}) });
  if (part?.status === "accepted") card.buttons = [[{ action: ACTION_SUBMIT_START, payload: String(id), label: ctx.t("journey.submit.button"), style: "primary" }]];
  ctx.reply(card);
}

async function accept(ctx: Context): Promise<void> {
  const inf = member(ctx);
  const id = payloadId(ctx);
  if (!inf || !id) return;
  const r = await acceptMission(ctx.deps, inf.id, id);
  if (!r.ok) return ctx.replyWith(r.error, r.params);
  const personal = personalBlocks(r.value, ctx.locale);
  ctx.replyWith("journey.missions.accepted", { title: r.value.title, deadline: formatDeadline(r.value.deadline, ctx) }, personal.length ? { replace: "message" } : {
    replace: "message",
    buttons: [[{ action: ACTION_SUBMIT_START, payload: String(id), label: ctx.t("journey.submit.button"), style: "primary" }]],
  });
  // The brief's personal part: the link to share and the code to give (with the submit button last).
  if (personal.length) ctx.reply({ blocks: personal, disablePreview: true, buttons: [[{ action: ACTION_SUBMIT_START, payload: String(id), label: ctx.t("journey.submit.button"), style: "primary" }]] });
}

async function decline(ctx: Context): Promise<void> {
  const inf = member(ctx);
  const id = payloadId(ctx);
  if (!inf || !id) return;
  const r = await declineMission(ctx.deps, inf.id, id);
  if (!r.ok) return ctx.replyWith(r.error, r.params);
  ctx.replyWith("journey.missions.declined", { title: r.value.title }, { replace: "message" });
}

async function askLink(ctx: Context, missionId: number, title: string): Promise<void> {
  await ctx.flow.start(FLOW_SUBMIT, "link", { missionId }, 24 * 3600_000);
  ctx.replyWith("journey.submit.ask_link", { title });
}

async function submitCommand(ctx: Context): Promise<void> {
  const inf = member(ctx);
  if (!inf) return;
  const waiting = await missionsAwaitingLink(ctx.deps, inf.id);
  if (!waiting.length) return ctx.replyWith("journey.submit.nothing_accepted");
  const url = commandArgs(ctx)[0];
  if (waiting.length === 1 && waiting[0]) {
    if (url) return receiveLink(ctx, waiting[0].id, url);
    return askLink(ctx, waiting[0].id, waiting[0].title);
  }
  ctx.replyWith("journey.submit.pick_mission", {}, {
    buttons: waiting.slice(0, 10).map((m) => [{ action: ACTION_SUBMIT_START, payload: String(m.id), label: m.title.slice(0, 60) }]),
  });
}

async function submitButton(ctx: Context): Promise<void> {
  const inf = member(ctx);
  const id = payloadId(ctx);
  if (!inf || !id) return;
  const m = await getMission(ctx.deps, id);
  if (!m) return ctx.replyWith("journey.missions.not_found");
  await askLink(ctx, id, m.title);
}

async function receiveLink(ctx: Context, missionId: number, url: string): Promise<void> {
  const inf = ctx.influencer;
  if (!inf) return;
  const r = await submitLink(ctx.deps, inf.id, missionId, url);
  if (!r.ok) {
    ctx.replyWith(r.error, r.params);
    if (ctx.flow.current?.flow === FLOW_SUBMIT) ctx.replyWith("journey.submit.try_again");
    return;
  }
  if (ctx.flow.current) await ctx.flow.end();
  ctx.replyWith("journey.submit.received");
}

async function submitStep(ctx: Context): Promise<void> {
  const state = ctx.flow.current;
  const url = text(ctx);
  const missionId = Number(state?.data.missionId);
  if (!url || !Number.isSafeInteger(missionId)) return ctx.replyWith("journey.submit.ask_link_again");
  await receiveLink(ctx, missionId, url);
}

export function registerMissionHandlers(router: Router): void {
  router.command("missions", missions);
  router.action(ACTION_MISSION_VIEW, view);
  router.action(ACTION_MISSION_ACCEPT, accept);
  router.action(ACTION_MISSION_DECLINE, decline);
  router.command("submit", submitCommand);
  router.action(ACTION_SUBMIT_START, submitButton);
  router.flow(FLOW_SUBMIT, submitStep);
}
