// Measurement commands: `report`, `codes import`, `conversions import` (issue 13). Spread into
// COMMANDS (src/cli/commands.ts); `/advo report` in Slack runs the same entry.
import { existsSync, readFileSync } from "node:fs";
import { z } from "zod";
import { reportChart } from "../reports/report-chart.js";
import { reportCsv, reportText } from "../reports/format.js";
import { err, ok } from "../result.js";
import { parseConversion, recordConversions, type ConversionRecord } from "../services/conversions.js";
import { importDiscountCodes } from "../services/discount-codes.js";
import { requireManager } from "../services/managers.js";
import { measurementReport } from "../services/report.js";
import { flag } from "./args.js";
import type { Command } from "./commands.js";
import { parseCsv } from "./csv-file.js";

const id = z.coerce.number().int().positive();

function readText(path: string | undefined) {
  if (!path) return null;
  if (!existsSync(path)) return err("manage.cli.file_not_found", { path });
  return ok(readFileSync(path, "utf8"));
}

const CONVERSION_COLUMNS = ["orderId", "amount", "currency", "code", "clickId", "at", "refundId"] as const;

export const MEASUREMENT_COMMANDS: Record<string, Command> = {
  report: {
    usage: "report [--mission N | --cycle N] [--json | --csv]",
    run: async (deps, a, actor) => {
      const mission = flag(a, "mission");
      const cycle = flag(a, "cycle");
      if ((mission !== undefined && !id.safeParse(mission).success) || (cycle !== undefined && !id.safeParse(cycle).success) || (mission && cycle)) {
        return err("manage.cli.usage", { usage: "report [--mission N | --cycle N] [--json | --csv]" });
      }
      // The text (also `/advo report` in chat) lists missions only: per-person rows (one per person
      // in scope) are read for --csv, --json and one mission's chart.
      const people = a.flags.csv === true || a.flags.json === true || mission !== undefined;
      const r = await measurementReport(deps, actor, { ...(mission ? { missionId: Number(mission) } : {}), ...(cycle ? { cycleId: Number(cycle) } : {}), people });
      if (!r.ok) return r;
      if (a.flags.csv === true) return ok({ data: r.value, text: reportCsv(r.value).trimEnd() });
      const chart = reportChart(r.value, deps.config.DEFAULT_LOCALE, mission !== undefined);
      return ok({ data: r.value, text: reportText(r.value, deps.config.DEFAULT_LOCALE), ...(chart ? { chart } : {}) });
    },
  },
  "codes import": {
    usage: "codes import --mission N codes.csv",
    run: async (deps, a, actor) => {
      const mission = id.safeParse(flag(a, "mission"));
      const file = readText(a.positionals[2]);
      if (!mission.success || !file) return err("manage.cli.usage", { usage: "codes import --mission N codes.csv" });
      if (!file.ok) return file;
      const r = await importDiscountCodes(deps, actor, mission.data, file.value.split(/\r?\n/));
      if (!r.ok) return r;
      return ok({ data: r.value, text: `imported ${r.value.imported} codes (${r.value.alreadyThere} already there)` });
    },
  },
  "conversions import": {
    usage: "conversions import orders.csv  (columns: orderId,amount,currency[,code,clickId,at,refundId])",
    run: async (deps, a, actor) => {
      const file = readText(a.positionals[2]);
      if (!file) return err("manage.cli.usage", { usage: "conversions import orders.csv" });
      if (!file.ok) return file;
      const refused = await requireManager(deps, actor, "conversions.import");
      if (refused) return refused;
      const [header, ...rows] = parseCsv(file.value);
      const columns = (header?.cells ?? []).map((c) => c.trim());
      const missing = ["orderId", "amount", "currency"].filter((c) => !columns.includes(c));
      if (missing.length) return err("conversions.csv_header", { columns: missing.join(", ") });
      const records: ConversionRecord[] = [];
      const bad: string[] = [];
      const now = deps.clock.now();
      for (const row of rows) {
        const values = Object.fromEntries(columns.map((c, i) => [c, row.cells[i]?.trim() ?? ""]).filter(([c, v]) => (CONVERSION_COLUMNS as readonly string[]).includes(c!) && v !== ""));
        const parsed = parseConversion(values, "csv", now);
        if (parsed.ok) records.push(parsed.value);
        else bad.push(`${row.line}:${parsed.field}`);
      }
      // Every row valid or nothing imported: a half-imported file is worse than none.
      if (bad.length) return err("conversions.csv_invalid_rows", { rows: bad.slice(0, 30).join(", ") });
      const r = await recordConversions(deps, records);
      return ok({ data: r, text: `recorded ${r.recorded} conversions (${r.duplicates} already recorded)` });
    },
  },
};
