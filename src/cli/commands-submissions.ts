// Operator/manager command for the submission rules: how many links an influencer may send per
// mission (the first plus resubmissions after a rejection or "post not found").
import { ok } from "../result.js";
import { submissionSettings } from "../services/submission-settings.js";
import { flag } from "./args.js";
import type { Command } from "./commands.js";

export const SUBMISSION_COMMANDS: Record<string, Command> = {
  "submissions settings": {
    usage: "submissions settings [--max-attempts N]",
    run: async (deps, a, actor) => {
      const r = await submissionSettings(deps, actor, flag(a, "max-attempts"));
      return r.ok ? ok({ data: r.value, text: `links per mission: at most ${r.value.maxAttempts}` }) : r;
    },
  },
};
