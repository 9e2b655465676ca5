// Screenshots as proof (issue 13): a photo or file sent in the direct chat — on its own, or while
// the Submit step waits for a link — is the proof of a post without a stable public link (a Story,
// a private account). The reach is read from the caption ("12,400 views"), or asked for; with
// several missions waiting the person picks one. The files and figures wait in the conversation
// row (flow "proof"), never in memory, and the submission goes to review marked self-reported.
import { z } from "zod";
import { missionTitleFor, missionTitleParam } from "../../domain/content-translations.js";
import { checkProofFiles, parseReportedFigures, type ReportedFigures } from "../../domain/proofs.js";
import { linkWaiting } from "../../services/missions.js";
import { submitProof } from "../../services/proofs.js";
import { linkWelcome } from "../../services/submissions.js";
import type { Context } from "../context.js";
import { inboundFileSchema, type InboundFile } from "../events.js";
import type { Router } from "../router.js";
import { member, payloadId, text } from "./shared.js";

export const FLOW_PROOF = "proof";
export const ACTION_PROOF_MISSION = "proof.mission";
const FLOW_TTL_MS = 24 * 3600_000;

const figuresSchema = z.object({ views: z.number().int().nonnegative(), likes: z.number().int().nonnegative().optional(), comments: z.number().int().nonnegative().optional() });
const stateSchema = z.object({ files: z.array(inboundFileSchema).min(1), figures: figuresSchema.optional(), missionId: z.number().int().positive().optional() });

async function sendProof(ctx: Context, missionId: number, files: InboundFile[], figures: ReportedFigures | undefined): Promise<void> {
  const inf = ctx.influencer;
  if (!inf) return;
  if (!figures) {
    // Checked now, so nobody types a number for a mission that would refuse the proof anyway.
    const welcome = await linkWelcome(ctx.deps, inf.id, missionId);
    if (!welcome.ok) {
      if (ctx.flow.current) await ctx.flow.end();
      return ctx.replyWith(welcome.error, welcome.params);
    }
    await ctx.flow.start(FLOW_PROOF, "figures", { missionId, files }, FLOW_TTL_MS);
    return ctx.replyWith("measure.proof.ask_figures", { title: missionTitleFor(welcome.value.mission, ctx.locale) });
  }
  const r = await submitProof(ctx.deps, inf.id, missionId, ctx.event.platform, files, figures);
  if (ctx.flow.current) await ctx.flow.end();
  if (!r.ok) return ctx.replyWith(r.error, r.params);
  ctx.replyWith("measure.proof.received", { title: missionTitleParam(r.value.mission), views: new Intl.NumberFormat(ctx.locale).format(figures.views) });
}

/** A photo or file from a member in the direct chat (other messages go on). */
async function proofMessage(ctx: Context, next: () => Promise<void>): Promise<void> {
  const files = ctx.event.attachments;
  if (!files?.length || ctx.event.chatType !== "private") return next();
  const inf = member(ctx);
  if (!inf) return;
  const checked = checkProofFiles(files);
  if (!checked.ok) return ctx.replyWith(checked.error, checked.params);
  const parsed = parseReportedFigures(text(ctx) ?? "");
  const figures = parsed.kind === "figures" ? parsed.figures : undefined;
  // The mission the Submit step is asking a link for, else the one waiting, else a choice.
  const state = ctx.flow.current;
  const asked = state && (state.flow === "submit" || state.flow === FLOW_PROOF) ? Number(state.data.missionId) : NaN;
  if (Number.isSafeInteger(asked) && asked > 0) return sendProof(ctx, asked, checked.value, figures);
  const { waiting, usedUp, maxAttempts } = await linkWaiting(ctx.deps, inf.id);
  if (!waiting.length) {
    const [first] = usedUp;
    if (first && usedUp.length === 1) return ctx.replyWith("journey.submit.no_attempts_left", { max: maxAttempts, title: missionTitleFor(first, ctx.locale) });
    if (usedUp.length > 1) return ctx.replyWith("journey.submit.link_attempts_used_up", { max: maxAttempts });
    return ctx.replyWith("measure.proof.no_mission");
  }
  if (waiting.length === 1) return sendProof(ctx, waiting[0]!.id, checked.value, figures);
  await ctx.flow.start(FLOW_PROOF, "pick", { files: checked.value, ...(figures ? { figures } : {}) }, FLOW_TTL_MS);
  ctx.replyWith("measure.proof.pick_mission", {}, {
    buttons: waiting.slice(0, 10).map((m) => [{ action: ACTION_PROOF_MISSION, payload: String(m.id), label: missionTitleFor(m, ctx.locale).slice(0, 60) }]),
  });
}

/** The mission picked for the kept files. */
async function missionPicked(ctx: Context): Promise<void> {
  const inf = member(ctx);
  const id = payloadId(ctx);
  if (!inf || !id) return;
  const kept = ctx.flow.current?.flow === FLOW_PROOF ? stateSchema.safeParse(ctx.flow.current.data) : undefined;
  if (!kept?.success) return ctx.replyWith("core.stale_action");
  await sendProof(ctx, id, kept.data.files, kept.data.figures);
}

/** Text while the proof waits: the reach figure (step "figures"), or the question again. */
async function proofStep(ctx: Context): Promise<void> {
  const state = ctx.flow.current;
  const kept = stateSchema.safeParse(state?.data);
  if (!kept.success) {
    await ctx.flow.end();
    return ctx.replyWith("measure.proof.no_file");
  }
  if (state?.step === "pick") return ctx.replyWith("measure.proof.pick_mission");
  const parsed = parseReportedFigures(text(ctx) ?? "");
  if (parsed.kind !== "figures" || kept.data.missionId === undefined) return ctx.replyWith("measure.proof.figures_invalid");
  await sendProof(ctx, kept.data.missionId, kept.data.files, parsed.figures);
}

export function registerProofHandlers(router: Router): void {
  router.use(proofMessage);
  router.action(ACTION_PROOF_MISSION, missionPicked);
  router.flow(FLOW_PROOF, proofStep);
}
