// `advo translations missing [--json]` and `/advo translations` (issue 17): the languages the
// influencers read, with counts, and the open missions and active rewards lacking one of them.
// The text is in DEFAULT_LOCALE on the CLI, in the manager's language in chat; --json gives the data.
import { err, ok } from "../result.js";
import { missingTranslations, missingTranslationsText } from "../services/translations-report.js";
import type { Command } from "./commands.js";

const USAGE = "translations missing [--json]";

export const TRANSLATION_COMMANDS: Record<string, Command> = {
  // One entry: `advo translations missing` and a bare `/advo translations` both land here.
  translations: {
    description: "missions and rewards lacking a translation for a language influencers use",
    examples: ["advo translations missing", "advo translations missing --json"],
    usage: USAGE,
    run: async (deps, a, actor, locale) => {
      const sub = a.positionals[1];
      if (sub !== undefined && sub.toLowerCase() !== "missing") return err("manage.cli.usage", { usage: USAGE });
      const r = await missingTranslations(deps, actor);
      if (!r.ok) return r;
      return ok({ data: r.value, text: missingTranslationsText(r.value, locale ?? deps.config.DEFAULT_LOCALE).join("\n") });
    },
  },
};
