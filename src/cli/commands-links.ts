// `advo link create`: a tracking link per mission and/or influencer. Own module: running it imports
// the tracking service alone.
import { createTrackingLink } from "../services/tracking.js";
import { flag } from "./args.js";
import { usage, wrap } from "./command-helpers.js";
import type { Command } from "./commands.js";

export const LINK_COMMANDS: Record<string, Command> = {
  "link create": {
    usage: "link create --url URL [--mission ID] [--influencer ID]",
    description: "create a tracking link (per mission and/or influencer)",
    examples: ["advo link create --url https://shop.example/new --mission 12 --influencer 7"],
    run: async (deps, a, actor) => {
      const url = flag(a, "url");
      if (!url) return usage("link create --url URL [--mission ID] [--influencer ID]");
      return wrap(await createTrackingLink(deps, actor, { targetUrl: url, ...(flag(a, "mission") ? { missionId: flag(a, "mission")! } : {}), ...(flag(a, "influencer") ? { influencerId: flag(a, "influencer")! } : {}) }),
        (l) => `${l.url} → ${l.targetUrl}`);
    },
  },
};
