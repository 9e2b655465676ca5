// `/advo leaderboard` in chat (issue 15): the operator table's data, each person named by display
// name and handle and linked to their dashboard profile.
import { parseArgs } from "../../cli/args.js";
import { CONSOLE_COMMANDS, LEADERBOARD_USAGE } from "../../cli/commands-console.js";
import { currentCycle } from "../../services/ledger.js";
import type { Context } from "../context.js";
import { list, message, paragraph } from "../message.js";
import { personInline } from "./people.js";
import { replyError } from "./reply.js";

interface Row { rank: number; influencerId: number; name: string | null; points: number; handle: { network: string; handle: string } | null }

export async function showLeaderboard(ctx: Context, args: string[]): Promise<void> {
  const r = await CONSOLE_COMMANDS.leaderboard!.run(ctx.deps, parseArgs(args), ctx.actor);
  if (!r.ok) {
    if (r.error === "manage.cli.usage") return ctx.replyWith("manage.advo.usage", { usage: `/advo ${LEADERBOARD_USAGE}` }, { ephemeral: true });
    return replyError(ctx, r);
  }
  const data = r.value.data as { participants: number; top: Row[] };
  const cycle = await currentCycle(ctx.deps.db, ctx.deps.clock);
  const rows = data.top.map((row) => [`${row.rank}. `, personInline(ctx, { id: row.influencerId, name: row.name, handle: row.handle, erased: false }), ` · ${ctx.t("console.leaderboard.points", { points: row.points })}`]);
  ctx.reply(message([paragraph(ctx.t("console.leaderboard.title", { cycle: cycle.name, count: data.participants })), ...(rows.length ? [list(rows)] : [])], { ephemeral: true, disablePreview: true }));
}
