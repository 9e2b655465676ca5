// /missions (each mission with the person's real state in it), the mission card with Accept /
// Decline, or with their state and what to do next. Sending links lives in submit.ts.
import { readTierProgram } from "../../services/tiers.js";
import { missionTitleFor } from "../../domain/content-translations.js";
import { acceptMission, declineMission, getMission, listEligibleMissions, measurementFor } from "../../services/missions.js";
import { participationStates, type ParticipationState } from "../../services/participation-state.js";
import { personalLinks } from "../../services/tracking.js";
import type { Context, Influencer } from "../context.js";
import { isPageClick, pageButtons, pageLine, pageOf, requestedPage } from "../pages.js";
import { tb } from "../../i18n/translate.js";
import { bold, link, list, paragraph, type Block, type Button } from "../message.js";
import { ACTION_MISSION_ACCEPT, ACTION_MISSION_DECLINE, formatDeadline, missionCard, personalBlocks } from "../mission-card.js";
import type { Router } from "../router.js";
import { member, payloadId } from "./shared.js";
import { ACTION_SUBMIT_START, FLOW_SUBMIT, registerSubmitHandlers } from "./submit.js";

export { ACTION_SUBMIT_START, FLOW_SUBMIT };
export const ACTION_MISSION_VIEW = "mission.view";
export const ACTION_MISSIONS_PAGE = "missions.page";

/** States in which a (new) link is welcome. */
const AWAITS_LINK = new Set(["accepted", "rejected"]);

/** The start payload of a mission's deep link: `t.me/<bot>?start=m_<id>` opens its card. */
export const missionStartPayload = (id: number): string => `m_${id}`;
const MISSION_START = /^m_(\d{1,12})$/i;

/** The mission id of a `/start m_<id>` deep link, if that is what the argument is. */
export function missionFromStart(arg: string | undefined): number | undefined {
  const m = arg ? MISSION_START.exec(arg) : null;
  const id = m ? Number(m[1]) : NaN;
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

async function missions(ctx: Context): Promise<void> {
  const inf = member(ctx);
  if (!inf) return;
  const items = await listEligibleMissions(ctx.deps, inf.id);
  const paging = isPageClick(ctx, ACTION_MISSIONS_PAGE);
  if (!items.length) return ctx.replyWith("journey.missions.none", {}, paging ? { replace: "message" } : {});
  const page = pageOf(items, requestedPage(ctx, ACTION_MISSIONS_PAGE));
  const parts = page.items.flatMap((i) => (i.participation ? [i.participation] : []));
  const states = await participationStates(ctx.deps, parts, new Set(page.items.map((i) => i.mission.id)));
  // In a group the card opens in the private chat (a deep link where the platform has one).
  const inGroup = ctx.event.chatType === "group";
  ctx.reply({
    blocks: [...tb(ctx.locale, "journey.missions.list_intro", { count: items.length }), ...pageLine(ctx, page)],
    buttons: [
      ...page.items.map(({ mission: m }) => {
        const st = states.get(m.id);
        return [{
          action: ACTION_MISSION_VIEW,
          payload: String(m.id),
          ...(inGroup ? { start: missionStartPayload(m.id) } : {}),
          label: ctx.t(st ? `journey.missions.item_${st.state}` : "journey.missions.item", {
            title: missionTitleFor(m, ctx.locale).slice(0, 40), points: m.points, deadline: formatDeadline(m.deadline, ctx),
          }),
        }];
      }),
      ...pageButtons(ACTION_MISSIONS_PAGE, page),
    ],
    ...(paging ? { replace: "message" as const } : {}),
  });
  // Their personal tracking links, so the right one is always at hand (not in front of a group;
  // not again on every page turn).
  if (inGroup || paging) return;
  const mine = items.filter(({ participation: p }) => p && !["offered", "declined", "expired"].includes(p.status));
  const links = await personalLinks(ctx.deps, inf.id, mine.map((i) => i.mission.id));
  if (links.size) {
    ctx.reply({ blocks: [paragraph(bold(ctx.t("journey.tracking.links_intro"))), list(mine.filter((i) => links.has(i.mission.id)).map((i) => [`${missionTitleFor(i.mission, ctx.locale)}: `, link(links.get(i.mission.id)!, links.get(i.mission.id)!)]))] });
  }
}

function stateBlocks(ctx: Context, st: ParticipationState, points: number, deadline: Date): Block[] {
  // The deadline goes in as a Date: each platform shows it natively (Discord <t:…>, a relative hint).
  return tb({ locale: ctx.locale, timeZone: ctx.timeZone }, `journey.missions.state_${st.state}`, {
    deadline, url: st.url ?? "-", reason: st.reason ?? "-", points, attempt: st.nextAttempt, max: st.maxAttempts,
  });
}

async function view(ctx: Context): Promise<void> {
  const inf = member(ctx);
  const id = payloadId(ctx);
  if (!inf || !id) return;
  return showMission(ctx, inf, id);
}

/**
 * `/start m_<id>` (a mission's deep link): members get the card; anyone else a polite word on
 * how to join (or to finish joining) — never the mission itself.
 */
export async function openMissionLink(ctx: Context, id: number): Promise<void> {
  const inf = ctx.influencer;
  if (!inf || (inf.status !== "active" && inf.status !== "paused")) return ctx.replyWith("journey.missions.link_members_only");
  return showMission(ctx, inf, id);
}

/** The mission card with the person's own state in it. */
async function showMission(ctx: Context, inf: Influencer, id: number): Promise<void> {
  const m = await getMission(ctx.deps, id);
  if (!m || m.status === "draft") return ctx.replyWith("journey.missions.not_found");
  const part = await ctx.deps.db.participation.findUnique({ where: { missionId_influencerId: { missionId: id, influencerId: inf.id } } });
  const open = m.status === "published" && m.deadline > ctx.deps.clock.now();
  const st = part ? (await participationStates(ctx.deps, [part], new Set(open ? [id] : []))).get(id) : undefined;
  const mine = part && part.status !== "offered" && part.status !== "declined";
  const { tiers } = await readTierProgram(ctx.deps.db);
  const card = missionCard(m, ctx, { buttons: !st && part?.status !== "withdrawn", tiers, ...(mine ? { personal: await measurementFor(ctx.deps, part.id) } : {}) });
  if (st) {
    card.blocks = [...card.blocks, ...stateBlocks(ctx, st, m.points, m.deadline)];
    const submit: Button[][] = [[{ action: ACTION_SUBMIT_START, payload: String(id), label: ctx.t("journey.submit.button"), style: "primary" }]];
    card.buttons = open && AWAITS_LINK.has(st.state) ? submit : [];
  }
  ctx.reply(card);
}

async function accept(ctx: Context): Promise<void> {
  const inf = member(ctx);
  const id = payloadId(ctx);
  if (!inf || !id) return;
  const r = await acceptMission(ctx.deps, inf.id, id);
  if (!r.ok) return ctx.replyWith(r.error, r.params);
  const personal = personalBlocks(r.value, ctx.locale);
  ctx.replyWith("journey.missions.accepted", { title: missionTitleFor(r.value, ctx.locale), deadline: r.value.deadline }, personal.length ? { replace: "message" } : {
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
  ctx.replyWith("journey.missions.declined", { title: missionTitleFor(r.value, ctx.locale) }, { replace: "message" });
}

export function registerMissionHandlers(router: Router): void {
  router.command("missions", missions);
  router.action(ACTION_MISSION_VIEW, view);
  router.action(ACTION_MISSIONS_PAGE, missions);
  router.action(ACTION_MISSION_ACCEPT, accept);
  router.action(ACTION_MISSION_DECLINE, decline);
  registerSubmitHandlers(router);
}
