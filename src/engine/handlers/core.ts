// Commands that work everywhere, also inside any flow: /help, /cancel, /language, /timezone.
import { LOCALES, type Locale } from "../../config.js";
import { isLocale } from "../../i18n/translate.js";
import { setInfluencerLocale } from "../../services/influencers.js";
import type { Context } from "../context.js";
import type { Button } from "../message.js";
import type { Router } from "../router.js";
import { registerTimeZoneHandlers } from "./timezone.js";

export const ACTION_LANGUAGE = "lang.set";

export function languageButtons(ctx: Context, action = ACTION_LANGUAGE): Button[][] {
  return [LOCALES.map((l) => ({ action, payload: l, label: ctx.t(`core.language.name.${l}`) }))];
}

/** Saves the chosen language (when the user has joined) and switches this event's replies to it. */
export async function chooseLanguage(ctx: Context, locale: Locale): Promise<void> {
  if (ctx.influencer) await setInfluencerLocale(ctx.deps, ctx.influencer.id, locale);
  ctx.setLocale(locale);
}

export function registerCoreHandlers(router: Router): void {
  registerTimeZoneHandlers(router);
  router.command("help", (ctx) => {
    ctx.replyWith(ctx.influencer?.status === "active" || ctx.influencer?.status === "paused" ? "core.help.member" : "core.help.guest");
    if (ctx.flow.current) ctx.replyWith("core.help.in_flow");
  });

  router.command("cancel", async (ctx) => {
    const active = ctx.flow.current;
    if (!active) return ctx.replyWith("core.cancel.nothing");
    // Onboarding cannot be thrown away (the profile is half written): cancel pauses it instead.
    if (active.flow === "onboarding") return ctx.replyWith("core.cancel.onboarding");
    await ctx.flow.end();
    ctx.replyWith("core.cancel.done");
  });

  router.command("language", async (ctx) => {
    const p = ctx.event.payload;
    const arg = p.type === "command" ? p.args[0]?.toLowerCase() : undefined;
    if (arg && isLocale(arg)) {
      await chooseLanguage(ctx, arg);
      return ctx.replyWith("core.language.set");
    }
    ctx.replyWith("core.language.ask", {}, { buttons: languageButtons(ctx) });
  });

  router.action(ACTION_LANGUAGE, async (ctx) => {
    const p = ctx.event.payload;
    const value = p.type === "action" ? p.payload : undefined;
    if (!isLocale(value)) return ctx.replyWith("core.stale_action");
    await chooseLanguage(ctx, value);
    ctx.replyWith("core.language.set");
  });
}
