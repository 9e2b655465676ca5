// Dashboard commands (issue 14): `dashboard link` prints a single-use sign-in URL, `dashboard
// revoke` ends sessions. Spread into COMMANDS (src/cli/commands.ts).
import { z } from "zod";
import { err, ok } from "../result.js";
import { OPERATOR, requireManager } from "../services/managers.js";
import { createSignInLink, revokeSessions } from "../web/sessions.js";
import { flag } from "./args.js";
import type { Command } from "./commands.js";

const asActor = z.string().regex(/^(telegram|discord|slack|console):[^\s:]{1,100}$/);
const LINK_USAGE = "dashboard link [--as platform:userId]";
const REVOKE_USAGE = "dashboard revoke --all | --session N";

const link: Command = {
  usage: LINK_USAGE,
  run: async (deps, a, actor) => {
    const as = flag(a, "as");
    // Only the operator may mint a link for someone else; a chat manager gets their own.
    if (as !== undefined && (!asActor.safeParse(as).success || actor !== OPERATOR)) return err("manage.cli.usage", { usage: LINK_USAGE });
    const url = await createSignInLink(deps, as ?? actor);
    if (!url) return err("manage.refused");
    return ok({ data: { url }, text: url });
  },
};

export const DASHBOARD_COMMANDS: Record<string, Command> = {
  "dashboard link": link,
  // `/advo dashboard` in chat: the reply is only for the manager and posted without link previews
  // (disablePreview → unfurl_links: false on Slack), so no unfurler GETs the link.
  dashboard: { ...link, usage: "dashboard" },
  "dashboard revoke": {
    usage: REVOKE_USAGE,
    run: async (deps, a, actor) => {
      const session = z.coerce.number().int().positive().safeParse(flag(a, "session"));
      const all = a.flags.all === true;
      if (all === session.success) return err("manage.cli.usage", { usage: REVOKE_USAGE });
      const refused = await requireManager(deps, actor, "dashboard.revoke");
      if (refused) return refused;
      const revoked = await revokeSessions(deps, actor, all ? { all: true } : { sessionId: session.success ? session.data : 0 });
      return ok({ data: { revoked }, text: `revoked ${revoked} session(s)` });
    },
  },
};
