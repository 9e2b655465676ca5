// `advo settings confirm-above [POINTS]` and `/advo settings confirm-above 2000` (issue 15): show or
// set the points adjustment size above which chat asks before applying it. Admins only, audited.
import { ok } from "../result.js";
import { t } from "../i18n/translate.js";
import { setConfirmAbove, showConfirmAbove } from "../services/program-settings.js";
import type { Command } from "./commands.js";

export const SETTINGS_COMMANDS: Record<string, Command> = {
  "settings confirm-above": {
    usage: "settings confirm-above [POINTS]",
    description: "show or set the points adjustment size above which chat asks for a confirmation first",
    examples: ["advo settings confirm-above", "advo settings confirm-above 2000"],
    run: async (deps, a, actor, locale) => {
      const reader = locale ?? deps.config.DEFAULT_LOCALE;
      const value = a.positionals[2];
      if (value === undefined) {
        const r = await showConfirmAbove(deps, actor);
        return r.ok ? ok({ data: r.value, text: t(reader, "slack.settings.confirm_above_now", { points: r.value.confirmAbove }) }) : r;
      }
      const r = await setConfirmAbove(deps, actor, value);
      return r.ok ? ok({ data: r.value, text: t(reader, "slack.settings.confirm_above_set", { points: r.value.confirmAbove, before: r.value.before }) }) : r;
    },
  },
};
