// Operator/manager commands on redemptions: list, mark fulfilled, cancel with a refund.
// `redemption ship` (with a tracking number) is in commands-fulfilment.ts.
import { cancelRedemption, fulfilRedemption, pendingRedemptions } from "../services/catalog-admin.js";
import { flag } from "./args.js";
import { idArg, usage, wrap } from "./command-helpers.js";
import type { Command } from "./commands.js";
import { fmtDate, table } from "./format.js";

export const REDEMPTION_COMMANDS: Record<string, Command> = {
  "redemption list": {
    usage: "redemption list [--status pending|fulfilled|cancelled]",
    description: "list redemptions, every status unless --status is given",
    examples: ["advo redemption list", "advo redemption list --status pending"],
    run: async (deps, a, actor) => wrap(await pendingRedemptions(deps, actor, flag(a, "status") ?? "all"), (list) =>
      table(["ID", "STATUS", "COST", "REQUESTED", "INFLUENCER", "REWARD"], list.map((r) => [r.id, r.status, r.cost, fmtDate(r.createdAt, a), `${r.influencerId} ${r.influencerName ?? ""}`.trim(), r.rewardName]), "(no redemptions)")),
  },
  "redemption fulfil": {
    usage: "redemption fulfil ID",
    description: "mark a redemption as delivered; the influencer is told",
    examples: ["advo redemption fulfil 3"],
    run: async (deps, a, actor) => {
      const n = idArg(a, 2);
      return n ? wrap(await fulfilRedemption(deps, actor, n), () => `redemption ${n} fulfilled`) : usage("redemption fulfil ID");
    },
  },
  "redemption cancel": {
    usage: "redemption cancel ID",
    description: "cancel a pending redemption and refund its points",
    examples: ["advo redemption cancel 3"],
    run: async (deps, a, actor) => {
      const n = idArg(a, 2);
      return n ? wrap(await cancelRedemption(deps, actor, n), (r) => `redemption ${n} cancelled, ${r.refunded} points refunded`) : usage("redemption cancel ID");
    },
  },
};
