// Operator/manager commands for reviewing submissions: the list (every status unless asked),
// approve (awards the points), reject with a reason sent to the influencer.
import { approveSubmission, rejectSubmission, reviewQueue } from "../services/review.js";
import { flag } from "./args.js";
import { idArg, usage, wrap } from "./command-helpers.js";
import type { Command } from "./commands.js";
import { table } from "./format.js";

export const REVIEW_COMMANDS: Record<string, Command> = {
  "submission list": {
    usage: "submission list [--status needs_review|pending|verified|approved|rejected]",
    description: "list submissions, every status unless --status is given",
    examples: ["advo submission list", "advo submission list --status needs_review"],
    run: async (deps, a, actor) => wrap(await reviewQueue(deps, actor, flag(a, "status") ? { status: flag(a, "status")! } : { status: "all" }), (list) =>
      table(["ID", "STATUS", "MISSION", "INFLUENCER", "URL"], list.map((s) => [s.id, s.status, `${s.missionId} ${s.missionTitle}`, s.influencerId, s.url]), "(no submissions)")),
  },
  "submission approve": {
    usage: "submission approve ID",
    description: "approve a submission and award the mission's points",
    examples: ["advo submission approve 42"],
    run: async (deps, a, actor) => {
      const n = idArg(a, 2);
      return n ? wrap(await approveSubmission(deps, actor, n), (r) => `submission ${n} approved, ${r.awarded} points awarded`) : usage("submission approve ID");
    },
  },
  "submission reject": {
    usage: "submission reject ID --reason TEXT",
    description: "reject a submission; the reason is sent to the influencer",
    examples: ["advo submission reject 42 --reason \"The post is from another account\""],
    run: async (deps, a, actor) => {
      const n = idArg(a, 2);
      const reason = flag(a, "reason");
      if (!n || !reason) return usage("submission reject ID --reason TEXT");
      return wrap(await rejectSubmission(deps, actor, n, reason), () => `submission ${n} rejected`);
    },
  },
};
