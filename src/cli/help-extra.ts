// Help text for table entries defined in other areas' files (measurement, tiers, roles, dashboard,
// export, db, submissions), kept here so those files need no edit. An entry's own `description`
// and `examples` win; a new entry without either still gets its usage line as help.
import type { Command } from "./commands.js";

type Help = Pick<Command, "description" | "examples" | "extraOptions">;

/** The program's languages (LOCALES in src/config.ts; a test keeps them equal), without loading config for --help. */
export const HELP_LOCALES = ["en", "es", "fr", "it"] as const;
const perLanguage = (base: string) => HELP_LOCALES.map((l) => `--${base}-${l} TEXT`);

export const HELP_EXTRA: Record<string, Help> = {
  report: { description: "clicks, conversions and revenue per mission, influencer and network", examples: ["advo report", "advo report --mission 12 --csv > launch.csv", "advo report --cycle 3 --json"] },
  "codes import": { description: "import discount codes for a mission (one per line)", examples: ["advo codes import --mission 12 codes.csv"] },
  "conversions import": { description: "record shop orders from a CSV file (all rows valid or none imported)", examples: ["advo conversions import orders.csv"] },
  "submissions settings": { description: "show or change how many links an influencer may send per mission", examples: ["advo submissions settings", "advo submissions settings --max-attempts 3"] },
  "tier list": { description: "list tiers and what they are based on", examples: ["advo tier list"] },
  "tier set": { description: "create or change a tier (names and perks per language: --name-es, --perks-fr …)", examples: ["advo tier set silver --threshold 1000 --name Silver --name-es Plata --perks \"Early access\""], extraOptions: [...perLanguage("name"), ...perLanguage("perks")] },
  "tier remove": { description: "remove a tier; refused while missions list it (they are named) unless --force", examples: ["advo tier remove silver", "advo tier remove silver --force   # even though missions list it"] },
  "tier basis": { description: "base tiers on lifetime points or points earned in the current cycle", examples: ["advo tier basis lifetime"] },
  "manager list": { description: "list managers and their roles", examples: ["advo manager list"] },
  "manager set-role": { description: "make someone a manager or change their role", examples: ["advo manager set-role slack:U0123ABCD reviewer"] },
  "manager remove": { description: "remove a manager", examples: ["advo manager remove slack:U0123ABCD"] },
  "dashboard link": { description: "print a single-use sign-in link to the web dashboard", examples: ["advo dashboard link", "advo dashboard link --as slack:U0123ABCD"] },
  dashboard: { description: "web dashboard sign-in links and sessions", examples: ["advo dashboard link"] },
  "dashboard revoke": { description: "end dashboard sessions", examples: ["advo dashboard revoke --all", "advo dashboard revoke --session 4"] },
  export: { description: "write a CSV export to a file, streamed page by page", examples: ["advo export influencers --out influencers.csv", "advo export ledger --out ledger.csv --bom"] },
  "db backup": { description: "back up the whole database to a file", examples: ["advo db backup /backups/advo-2026-12-07.db", "advo db backup /backups/advo.dump   # PostgreSQL"] },
  "db restore": { description: "restore a backup into an empty database (stop the bot first)", examples: ["advo db restore /backups/advo-2026-12-07.db"] },
};
