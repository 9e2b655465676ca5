// `advo broadcast`: message a segment of influencers. Without --yes it only drafts and shows who
// would get it; with --yes the draft is queued to the outbox.
import { toPlainText } from "../engine/message.js";
import { ok } from "../result.js";
import { draftBroadcast, sendBroadcast } from "../services/broadcast.js";
import { csv, flag } from "./args.js";
import { usage, wrap } from "./command-helpers.js";
import type { Command } from "./commands.js";

const USAGE = "broadcast --text TEXT [--regions a,b] [--interests a,b] [--networks a,b] [--tags a,b] [--languages en,es] [--yes]";

export const BROADCAST_COMMANDS: Record<string, Command> = {
  broadcast: {
    usage: USAGE,
    description: "message a segment of influencers: shows who would get it, sends with --yes",
    examples: ["advo broadcast --text \"New mission tomorrow!\" --regions FR,BE", "advo broadcast --text \"New mission tomorrow!\" --tags vip --yes", "advo broadcast --text \"¡Nueva misión!\" --languages es"],
    run: async (deps, a, actor) => {
      const text = flag(a, "text");
      if (!text) return usage(USAGE);
      // languages: the language the bot speaks to each person; the service checks them against the four locales
      const languages = flag(a, "languages");
      const segment = { regions: csv(flag(a, "regions")), interests: csv(flag(a, "interests")), networks: csv(flag(a, "networks")), tags: csv(flag(a, "tags")), ...(languages ? { languages: csv(languages) } : {}) };
      const draft = await draftBroadcast(deps, actor, { text, segment });
      if (!draft.ok) return draft;
      if (a.flags.yes !== true) return ok({ data: { draft: draft.value.id, recipients: draft.value.recipients, sent: false }, text: `${draft.value.recipients} recipients would get:\n${toPlainText(draft.value.preview)}\n(re-run with --yes to send)` });
      return wrap(await sendBroadcast(deps, actor, draft.value.id), (r) => `queued for ${r.queued} recipients (batch broadcast:${r.id})`);
    },
  },
};
