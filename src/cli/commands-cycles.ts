// Operator/manager commands for reward cycles: close the open one (asks first on a terminal, with
// the figures of a rolled-back close) and the cycle settings. `cycle show` is in commands-operator.ts.
import { closeCycle, setCycleSettings } from "../services/cycles.js";
import { csv, flag } from "./args.js";
import { wrap } from "./command-helpers.js";
import type { Command } from "./commands.js";
import { fmtNum } from "./format.js";

export const CYCLE_COMMANDS: Record<string, Command> = {
  "cycle close": {
    usage: "cycle close [--force] [--yes]",
    description: "close the open reward cycle (when due; --force before its end) and open the next",
    examples: ["advo cycle close", "advo cycle close --force --yes   # from a script: no question asked"],
    // On a terminal the CLI shows the exact figures (a rolled-back close) and asks first.
    confirm: async (deps, a, actor) => wrap(await closeCycle(deps, actor, { force: a.flags.force === true, dryRun: true }), (s) =>
      [`Closing ${s.cycleName} will:`, `  pay ${fmtNum(s.bonusesPaid)} bonus points to the top of ${fmtNum(s.participants)} participants,`,
        `  expire ${fmtNum(s.expired)} points and roll ${fmtNum(s.rolledOver)} over to the next cycle,`, `  notify ${fmtNum(s.notified)} people, and open ${s.nextCycleName}.`].join("\n")),
    run: async (deps, a, actor) => wrap(await closeCycle(deps, actor, { force: a.flags.force === true }), (s) =>
      `closed ${s.cycleName}: ${fmtNum(s.participants)} participants, ${fmtNum(s.bonusesPaid)} bonus points, ${fmtNum(s.expired)} expired, ${fmtNum(s.rolledOver)} rolled over, ${fmtNum(s.notified)} notified; opened ${s.nextCycleName}`),
  },
  "cycle settings": {
    usage: "cycle settings [--length quarter|semester|year|custom] [--ends YYYY-MM-DD] [--bonuses 500,300,100] [--reset | --rollover CAP]",
    description: "show or change how reward cycles run (length, end bonuses, what happens to points)",
    examples: ["advo cycle settings", "advo cycle settings --length quarter --bonuses 500,300,100 --rollover 200"],
    run: async (deps, a, actor) => {
      const input: Record<string, unknown> = {};
      if (flag(a, "length")) input.length = flag(a, "length");
      if (flag(a, "ends")) input.nextEndsAt = flag(a, "ends");
      if (flag(a, "bonuses") !== undefined) input.bonuses = csv(flag(a, "bonuses")).map(Number);
      if (a.flags.reset === true) input.expiry = { policy: "reset" };
      if (flag(a, "rollover")) input.expiry = { policy: "rollover", cap: Number(flag(a, "rollover")) };
      return wrap(await setCycleSettings(deps, actor, input), (s) => JSON.stringify(s));
    },
  },
};
