// Operator/manager commands on an influencer's points: adjust by hand (idempotent with --id), and
// the statement of the current cycle.
import { adjustPoints, influencerStatement } from "../services/points-admin.js";
import { flag } from "./args.js";
import { arg, idArg, usage, wrap } from "./command-helpers.js";
import type { Command } from "./commands.js";
import { fmtDate, fmtNum, table } from "./format.js";

export const POINTS_COMMANDS: Record<string, Command> = {
  "points adjust": {
    usage: "points adjust INFLUENCER POINTS --reason TEXT [--id REQUEST_ID]",
    description: "add or remove points by hand (negative to remove); --id makes a retry safe",
    examples: ["advo points adjust 7 50 --reason \"event bonus\"", "advo points adjust 7 -5 --reason typo --id fix-2026-12-07"],
    run: async (deps, a, actor) => {
      const inf = idArg(a, 2);
      const points = arg(a, 3);
      const reason = flag(a, "reason");
      if (!inf || points === undefined || !reason) return usage("points adjust INFLUENCER POINTS --reason TEXT [--id REQUEST_ID]");
      return wrap(await adjustPoints(deps, actor, { influencerId: inf, points, reason, ...(flag(a, "id") ? { requestId: flag(a, "id")! } : {}) }),
        (r) => (r.created ? `adjusted; balance now ${fmtNum(r.balance)}` : `already applied; balance ${fmtNum(r.balance)}`));
    },
  },
  "points statement": {
    usage: "points statement INFLUENCER",
    description: "an influencer's balance and ledger in the current cycle",
    examples: ["advo points statement 7"],
    run: async (deps, a, actor) => {
      const inf = idArg(a, 2);
      return inf ? wrap(await influencerStatement(deps, actor, inf), (s) =>
        [`${s.displayName ?? `#${s.influencerId}`}: ${fmtNum(s.balance)} points in ${s.cycle.name}, ${fmtNum(s.lifetime)} lifetime`, "",
          table(["AT", "POINTS", "KIND", "REASON"], s.entries.map((e) => [fmtDate(e.at, a), `${e.amount > 0 ? "+" : ""}${fmtNum(e.amount)}`, e.kind, e.reason ?? ""]), "(no entries)")].join("\n")) : usage("points statement INFLUENCER");
    },
  },
};
