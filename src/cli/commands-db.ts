// `advo db backup FILE` / `advo db restore FILE [--force]`: whole-database backups for the
// operator (SQLite online backup API, PostgreSQL pg_dump/pg_restore). Terminal only: in chat
// (`/advo` in Slack) they are refused, as they read and write files on the server.
import { resolve } from "node:path";
import { ok } from "../result.js";
import { providerOf } from "../db/provider.js";
import { backupDatabase, backupFileExists, restoreDatabase, tablesWithRows } from "../db/backup.js";
import { OPERATOR } from "../services/managers.js";
import type { Command, CliResult } from "./commands.js";
import { usage } from "./command-helpers.js";

const BACKUP_USAGE = "db backup FILE [--force]";
const RESTORE_USAGE = "db restore FILE [--force]";
const terminalOnly: CliResult = { ok: false, error: "manage.db.terminal_only" };

export const DB_COMMANDS: Record<string, Command> = {
  "db backup": {
    usage: `${BACKUP_USAGE}   # SQLite: online backup (safe while the bot runs); PostgreSQL: pg_dump -Fc`,
    run: async (deps, a, actor) => {
      if (actor !== OPERATOR) return terminalOnly;
      const target = a.positionals[2];
      if (!target) return usage(BACKUP_USAGE);
      const file = resolve(target);
      if (backupFileExists(file) && a.flags.force !== true) return { ok: false, error: "manage.db.file_exists", params: { path: file } };
      const r = await backupDatabase(deps.config.DATABASE_URL, file);
      return r.ok ? ok({ data: r, text: `backup written: ${r.file} (${r.bytes} bytes, ${r.provider})` }) : r;
    },
  },
  "db restore": {
    usage: `${RESTORE_USAGE}   # stop the bot first; --force replaces a database that holds data`,
    run: async (deps, a, actor) => {
      if (actor !== OPERATOR) return terminalOnly;
      const source = a.positionals[2];
      if (!source) return usage(RESTORE_USAGE);
      const file = resolve(source);
      if (!backupFileExists(file)) return { ok: false, error: "manage.cli.file_not_found", params: { path: file } };
      const filled = await tablesWithRows(deps.db, providerOf(deps.config.DATABASE_URL));
      if (filled.length && a.flags.force !== true) return { ok: false, error: "manage.db.not_empty", params: { tables: filled.join(", ") } };
      const r = await restoreDatabase(deps.config.DATABASE_URL, file);
      return r.ok ? ok({ data: { ...r, replaced: filled }, text: `restored ${r.file} into the ${r.provider} database${filled.length ? ` (replaced data in ${filled.length} tables)` : ""}` }) : r;
    },
  },
};
