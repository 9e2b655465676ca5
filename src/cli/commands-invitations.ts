// Operator/manager commands for invitation codes: create them (with their join links per
// platform), list them, revoke one. Own module: running one imports the invitations service alone.
import { createInvitations, listInvitations, revokeInvitation } from "../services/invitations.js";
import { csv, flag } from "./args.js";
import { arg, usage, wrap } from "./command-helpers.js";
import type { Command } from "./commands.js";
import { fmtDate, fmtNum, table } from "./format.js";

export const INVITATION_COMMANDS: Record<string, Command> = {
  "invite create": {
    usage: "invite create [--count N] [--uses N] [--days D] [--tags a,b] [--note TEXT]",
    description: "create invitation codes and their join links",
    examples: ["advo invite create --count 10 --uses 1 --days 30 --tags vip,fr", "advo invite create --uses 50 --note \"launch event\" --json"],
    run: async (deps, a, actor) => wrap(
      await createInvitations(deps, actor, { count: flag(a, "count") ?? 1, uses: flag(a, "uses") ?? 1, ...(flag(a, "days") ? { days: flag(a, "days") } : {}), tags: csv(flag(a, "tags")), ...(flag(a, "note") ? { note: flag(a, "note") } : {}) } as never),
      (list) => list.map((i) => `${i.code}  uses ${fmtNum(i.maxUses)}  expires ${fmtDate(i.expiresAt, a)}\n${i.links.map((l) => `  ${l.platform}: ${l.link}`).join("\n")}`).join("\n"),
    ),
  },
  "invite list": {
    usage: "invite list",
    description: "list invitation codes with their use and expiry",
    examples: ["advo invite list", "advo invite list --json"],
    run: async (deps, a, actor) => wrap(await listInvitations(deps, actor), (list) =>
      table(["CODE", "USED", "MAX", "EXPIRES", "STATE", "TAGS"], list.map((i) => [i.code, i.uses, i.maxUses, fmtDate(i.expiresAt, a), i.revoked ? "revoked" : "active", i.tags.join(",")]), "(no invitations)")),
  },
  "invite revoke": {
    usage: "invite revoke CODE",
    description: "revoke an invitation code (people who joined stay)",
    examples: ["advo invite revoke K7Q2-PLM4"],
    run: async (deps, a, actor) => (arg(a, 2) ? wrap(await revokeInvitation(deps, actor, arg(a, 2)!), (i) => `revoked ${i.code}`) : usage("invite revoke CODE")),
  },
};
