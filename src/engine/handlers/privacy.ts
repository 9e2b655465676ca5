// /stop and /resume (pause everything but replies), /mydata (export), /deleteme (confirmed erase).
import { setMessagesPaused } from "../../services/influencers.js";
import { eraseInfluencer, exportData } from "../../services/privacy.js";
import type { Context } from "../context.js";
import { paragraph } from "../message.js";
import { summaryParams } from "./mydata-summary.js";
import type { Router } from "../router.js";

export const ACTION_DELETE_CONFIRM = "privacy.delete";
export const ACTION_DELETE_CANCEL = "privacy.keep";

function joined(ctx: Context) {
  if (!ctx.influencer) ctx.replyWith("core.not_joined");
  return ctx.influencer;
}

export function registerPrivacyHandlers(router: Router): void {
  router.command("stop", async (ctx) => {
    const inf = joined(ctx);
    if (!inf) return;
    await setMessagesPaused(ctx.deps, inf.id, true);
    ctx.replyWith("journey.stop.done");
  });
  router.command("resume", async (ctx) => {
    const inf = joined(ctx);
    if (!inf) return;
    await setMessagesPaused(ctx.deps, inf.id, false);
    ctx.replyWith("journey.resume.done");
  });
  router.command("mydata", async (ctx) => {
    const inf = joined(ctx);
    if (!inf) return;
    const data = await exportData(ctx.deps, inf.id);
    ctx.replyWith("mydata.summary", await summaryParams(ctx, data));
    // The complete export goes as a JSON file: a chat message could not hold it (Telegram 4,096,
    // Discord 2,000 characters) and a file is what people keep.
    const file = `${ctx.deps.config.BRAND_NAME.toLowerCase().replace(/[^a-z0-9]+/g, "-") || "advo"}-my-data.json`;
    ctx.reply({
      blocks: [paragraph(ctx.t("mydata.file_attached", { file }))],
      attachment: { filename: file, mimeType: "application/json", content: JSON.stringify(data, null, 2) },
    });
  });
  router.command("deleteme", (ctx) => {
    if (!joined(ctx)) return;
    ctx.replyWith("journey.deleteme.confirm", {}, {
      buttons: [[
        { action: ACTION_DELETE_CONFIRM, label: ctx.t("journey.deleteme.yes"), style: "danger" },
        { action: ACTION_DELETE_CANCEL, label: ctx.t("journey.deleteme.no") },
      ]],
    });
  });
  router.action(ACTION_DELETE_CONFIRM, async (ctx) => {
    const inf = joined(ctx);
    if (!inf) return;
    await eraseInfluencer(ctx.deps, inf.id);
    if (ctx.flow.current) await ctx.flow.end();
    ctx.influencer = null;
    ctx.replyWith("journey.deleteme.done");
  });
  router.action(ACTION_DELETE_CANCEL, (ctx) => ctx.replyWith("journey.deleteme.kept"));
}
