// `advo stats` in its own module: running it loads the stats service alone, not the whole command
// table (CLI start-up, issue 18; the manifest maps the command to this module).
import { ok } from "../result.js";
import { statsReport } from "../services/stats.js";
import type { Command } from "./commands.js";

export const STATS_COMMANDS: Record<string, Command> = {
  stats: {
    usage: "stats",
    description: "program figures: people, submissions, points",
    examples: ["advo stats", "advo stats --json"],
    run: async (deps, _a, actor) => {
      const r = await statsReport(deps, actor, deps.config.DEFAULT_LOCALE);
      return r.ok ? ok({ data: r.value, text: r.value.text }) : r;
    },
  },
};
