// `/advo <sub-command> …` — the managers' command. Interactive sub-commands open forms or post
// cards with buttons; every other sub-command runs the operator command table (src/cli/commands.ts)
// with the same arguments as the CLI, on behalf of the chat user (never as "operator").
import { onTypedAdjust } from "./adjust.js";
import { parseArgs } from "../../cli/args.js";
import { COMMANDS } from "../../cli/commands.js";
import { chartAttachment } from "../../reports/chart-message.js";
import { managerRole, requireManager } from "../../services/managers.js";
import { statsReport } from "../../services/stats.js";
import type { Context } from "../context.js";
import { message, paragraph } from "../message.js";
import { openBroadcastForm, showPendingRedemptions } from "./broadcast.js";
import { openInviteForm } from "./invite-form.js";
import { openCycleForm } from "./cycle-form.js";
import { openEditMissionForm, openNewMissionForm } from "./missions.js";
import { openRewardForm } from "./rewards.js";
import { replyError, payloadId } from "./reply.js";
import { showReviewQueue } from "./review.js";
import { closestSubcommand } from "./suggest.js";
import { helpLines } from "./help.js";
import { showInfluencer } from "./people.js";
import { showLeaderboard } from "./leaderboard.js";
import { askCycleClose } from "./cycle-close.js";
import { openTierForm } from "./tier-form.js";
import { askTierRemove } from "./tier-remove.js";

/** Sub-commands handled here (interactive), in help order. */
export const INTERACTIVE = ["mission new", "mission edit ID", "reward new", "reward edit ID", "review", "redemptions", "broadcast", "stats", "influencer NAME", "tier new", "tier edit KEY", "invite new"];
/**
 * CLI commands that make no sense in chat (files, raw JSON; export writes a file on the server —
 * chat managers download from the dashboard; a database backup or restore is the operator's).
 */
const NOT_IN_CHAT = new Set(["mission create", "mission edit", "broadcast", "codes import", "conversions import", "export", "db backup", "db restore", "reward codes", "tier import"]);

/** Every sub-command the manager's role allows, each with an example (src/engine/manage/help.ts). */
export async function advoHelp(ctx: Context): Promise<void> {
  const role = (await managerRole(ctx.deps, ctx.actor)) ?? "viewer";
  const lines = helpLines(role, COMMANDS, NOT_IN_CHAT);
  ctx.reply(message([
    paragraph(ctx.t("manage.advo.help")),
    { type: "list", items: lines.map((l) => [{ code: `/advo ${l.usage}` }, ` — ${ctx.t("console.help.example")} `, { code: `/advo ${l.example}` }]) },
  ], { ephemeral: true }));
}

export async function showStats(ctx: Context): Promise<void> {
  const r = await statsReport(ctx.deps, ctx.actor, ctx.locale);
  if (!r.ok) return replyError(ctx, r);
  ctx.reply(message(r.value.text.split("\n").map((line) => paragraph(line)), { ephemeral: true }));
}

export async function onAdvoCommand(ctx: Context): Promise<void> {
  const p = ctx.event.payload;
  const args = p.type === "command" ? p.args : [];
  const [a, b] = args.map((x) => x.toLowerCase());
  // Even help is for managers only (and a refusal is audited like any other).
  const refused = await requireManager(ctx.deps, ctx.actor, `advo.${a ?? "help"}`);
  if (refused) return replyError(ctx, refused);
  if (!a || a === "help") return advoHelp(ctx);
  if (a === "mission" && b === "new") return openNewMissionForm(ctx);
  if (a === "mission" && b === "edit") return openEditMissionForm(ctx, payloadId(args[2]));
  if (a === "reward" && b === "new") return openRewardForm(ctx);
  if (a === "reward" && b === "edit") return payloadId(args[2]) ? openRewardForm(ctx, payloadId(args[2])) : ctx.replyWith("manage.advo.bad_id", {}, { ephemeral: true });
  if (a === "review" || (a === "submission" && b === "queue")) return showReviewQueue(ctx);
  if (a === "redemptions" || (a === "redemption" && b === "list")) return showPendingRedemptions(ctx);
  if (a === "broadcast") return openBroadcastForm(ctx);
  if (a === "stats") return showStats(ctx);
  if (a === "influencer") return showInfluencer(ctx, args.slice(1).join(" "));
  if (a === "leaderboard") return showLeaderboard(ctx, args);
  // chat asks with the consequence and a Confirm button instead of taking --force
  if (a === "cycle" && b === "close") return askCycleClose(ctx);
  // the tier modal (issue 21); `tier set` stays the typed way
  if (a === "tier" && (b === "new" || b === "edit")) return b === "new" ? openTierForm(ctx) : args[2] ? openTierForm(ctx, args[2]) : ctx.replyWith("manage.advo.usage", { usage: "/advo tier edit KEY" }, { ephemeral: true });
  // removing a tier asks with what it does (the missions that list it), as the modal's Remove button
  if (a === "tier" && b === "remove") return askTierRemove(ctx, args[2]);
  // … and a large or balance-breaking adjustment asks first, as from the card
  if (a === "points" && b === "adjust") return onTypedAdjust(ctx, args);
  if (a === "invite" && b === "new") return openInviteForm(ctx);
  // bare `cycle settings` in chat: the modal (with flags it is the table's command, as on the CLI)
  if (a === "cycle" && b === "settings" && args.length === 2) return openCycleForm(ctx);
  const name = `${a} ${b ?? ""}`;
  const command = NOT_IN_CHAT.has(name) ? undefined : (COMMANDS[name] ?? COMMANDS[a]);
  if (!command) {
    const known = [...INTERACTIVE.map((u) => u.replace(/ [A-Z]+$/, "")), ...Object.keys(COMMANDS).filter((n) => !NOT_IN_CHAT.has(n)), "help"];
    const suggestion = closestSubcommand(args, known);
    if (suggestion) return ctx.replyWith("manage.advo.unknown_suggest", { command: args.slice(0, 2).join(" "), suggestion }, { ephemeral: true });
    return ctx.replyWith("manage.advo.unknown", { command: args.slice(0, 2).join(" ") }, { ephemeral: true });
  }
  const r = await command.run(ctx.deps, parseArgs(args), ctx.actor, ctx.locale);
  if (!r.ok) {
    if (r.error === "manage.cli.usage") return ctx.replyWith("manage.advo.usage", { usage: `/advo ${command.usage}` }, { ephemeral: true });
    return replyError(ctx, r);
  }
  // Command output: data the manager asked for, shown as literal text (and a chart as an image, e.g. /advo report).
  const chart = r.value.chart ? { attachment: chartAttachment(r.value.chart, ctx.locale) } : {};
  ctx.reply(message(r.value.text.split("\n").map((line) => paragraph(line)), { ephemeral: true, disablePreview: true, ...chart }));
}
