// The App Home's "Open the dashboard" button (issue 15): a fresh single-use sign-in link for the
// manager who pressed it (src/web/sessions.ts), answered to them alone, without a link preview.
import { createSignInLink } from "../../web/sessions.js";
import type { Router } from "../router.js";
import { message, paragraph } from "../message.js";

export const CONSOLE_DASHBOARD = "console.dashboard";

export function registerDashboardButton(router: Router): void {
  router.action(CONSOLE_DASHBOARD, async (ctx) => {
    const url = await createSignInLink(ctx.deps, ctx.actor);
    if (!url) return ctx.replyWith("manage.refused", {}, { ephemeral: true });
    ctx.reply(message([paragraph(ctx.t("slack.home.dashboard"))], {
      ephemeral: true, disablePreview: true, buttons: [[{ action: "console.dashboard_open", label: ctx.t("slack.home.dashboard"), url }]],
    }));
  });
}
