// `advo export <what> --out file.csv [--bom]` (issue 14): the same streamed CSV as the dashboard's
// downloads, written to a file page by page (never the whole table in memory). CSV is the only
// format, so `--csv` is accepted and changes nothing. Operator only: from chat (`/advo export`)
// it would write a file on the server's disk, which no manager asked for.
import { createWriteStream, statSync } from "node:fs";
import { pipeline } from "node:stream/promises";
import { startExport } from "../exports/export.js";
import { EXPORT_KINDS, exportKind } from "../exports/sources.js";
import { err, ok } from "../result.js";
import { OPERATOR } from "../services/managers.js";
import { flag } from "./args.js";
import type { Command } from "./commands.js";

const USAGE = `export ${EXPORT_KINDS.join("|")} --out file.csv [--bom]`;

export const EXPORT_COMMANDS: Record<string, Command> = {
  export: {
    usage: USAGE,
    run: async (deps, a, actor) => {
      const kind = exportKind.safeParse(a.positionals[1]);
      const out = flag(a, "out");
      if (!kind.success || !out) return err("manage.cli.usage", { usage: USAGE });
      if (actor !== OPERATOR) return err("manage.refused");
      const started = await startExport(deps, actor, kind.data, { bom: a.flags.bom === true });
      if (!started.ok) return started;
      await pipeline(started.value, createWriteStream(out));
      const bytes = statSync(out).size;
      return ok({ data: { kind: kind.data, out, bytes }, text: `wrote ${kind.data} to ${out} (${bytes} bytes)` });
    },
  },
};
