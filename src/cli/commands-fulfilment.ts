// Operator/manager commands for reward fulfilment (issue 21): a voucher reward's code pool from a
// CSV file (the first column), and marking a product shipped with its tracking number. `/advo
// redemption ship` in Slack runs the same entry; the file import is CLI only.
import { existsSync, readFileSync } from "node:fs";
import { z } from "zod";
import { err, ok } from "../result.js";
import { shipRedemption } from "../services/catalog-admin.js";
import { importVoucherCodes } from "../services/voucher-codes.js";
import { flag } from "./args.js";
import type { Command } from "./commands.js";

const id = z.coerce.number().int().positive();
const IMPORT_USAGE = "reward codes import --reward N codes.csv";
const SHIP_USAGE = "redemption ship ID --tracking NUMBER";

export const FULFILMENT_COMMANDS: Record<string, Command> = {
  "reward codes": {
    description: "import a voucher reward's code pool from a CSV file (first column)",
    examples: ["advo reward codes import --reward 4 codes.csv"],
    usage: IMPORT_USAGE,
    run: async (deps, a, actor) => {
      const reward = id.safeParse(flag(a, "reward"));
      const path = a.positionals[3];
      if (a.positionals[2] !== "import" || !reward.success || !path) return err("manage.cli.usage", { usage: IMPORT_USAGE });
      if (!existsSync(path)) return err("manage.cli.file_not_found", { path });
      const r = await importVoucherCodes(deps, actor, reward.data, readFileSync(path, "utf8").split(/\r?\n/));
      if (!r.ok) return r;
      return ok({ data: r.value, text: `imported ${r.value.imported} codes (${r.value.alreadyThere} already there); ${r.value.unused} unused in the pool` });
    },
  },
  "redemption ship": {
    description: "mark a product redemption shipped with its tracking number; the influencer is told",
    examples: ["advo redemption ship 12 --tracking 1Z999AA10123456784"],
    usage: SHIP_USAGE,
    run: async (deps, a, actor) => {
      const n = id.safeParse(a.positionals[2]);
      const tracking = flag(a, "tracking");
      if (!n.success || !tracking) return err("manage.cli.usage", { usage: SHIP_USAGE });
      const r = await shipRedemption(deps, actor, n.data, tracking);
      return r.ok ? ok({ data: r.value, text: `redemption ${n.data} shipped (${tracking})` }) : r;
    },
  },
};
