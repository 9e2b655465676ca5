// /refer and the "Invite friends" button of /points (issue 21): the member's personal invitation —
// the Telegram deep link when the bot's username is known, and the code with what to type on
// Discord and Slack — with the places left and what the referrer earns.
import { readReferralProgram, referralCode } from "../../services/referrals.js";
import type { Context } from "../context.js";
import { bold, list, paragraph, type Inline } from "../message.js";
import type { Router } from "../router.js";
import { member } from "./shared.js";

export const ACTION_REFER = "refer.show";

async function refer(ctx: Context): Promise<void> {
  const inf = member(ctx);
  if (!inf) return;
  const r = await referralCode(ctx.deps, inf.id);
  if (!r.ok) return ctx.replyWith(r.error, r.params);
  const { code, uses, maxUses, links, program } = r.value;
  const left = Math.max(0, maxUses - uses);
  ctx.replyWith("growth.refer.intro", {
    brand: ctx.deps.config.BRAND_NAME, onboarded: program.onboardedPoints, firstPost: program.firstPostPoints, left, max: maxUses,
  });
  if (left === 0) return;
  // The console line is what anyone can type (/start CODE); it stands for the code itself.
  const ways: Inline[][] = links
    .filter((l) => l.platform !== "console")
    .map((l) => [ctx.t(`growth.refer.on.${l.platform}`), " ", l.platform === "telegram" ? { link: l.link, url: l.link } : { code: l.link }]);
  ctx.reply({
    blocks: [
      paragraph(ctx.t("growth.refer.code"), " ", bold(code)),
      ...(ways.length ? [list(ways)] : [paragraph(ctx.t("growth.refer.type_start"), " ", { code: `/start ${code}` })]),
    ],
  });
}

/** The "Invite friends" button under /points, when the program has referrals on. */
export async function referButton(ctx: Context): Promise<{ action: string; label: string } | undefined> {
  const program = await readReferralProgram(ctx.deps.db);
  return program.limit > 0 ? { action: ACTION_REFER, label: ctx.t("growth.refer.button") } : undefined;
}

export function registerReferralHandlers(router: Router): void {
  router.command("refer", refer);
  router.action(ACTION_REFER, refer);
}
