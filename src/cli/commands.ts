// The operator commands: each maps arguments (validated with zod) to one manager service on
// behalf of an actor, and returns data (for --json) plus a short text. The CLI runs them as
// "operator"; chat managers reach the same table through `/advo <command>` (src/engine/manage).
// Every entry lives in a module of its group (src/cli/commands-*.ts); this file only assembles the
// table, in the order `advo --help` lists it. The built CLI imports one command's module alone
// (its manifest names it, src/cli/write-manifest.ts), never this whole table (start-up, issue 18).
import type { ErrParams, Result } from "../result.js";
import type { Deps } from "../services/deps.js";
import type { Actor } from "../services/managers.js";
import type { Locale } from "../config.js";
import type { ParsedArgs } from "./args.js";
import type { ChartSpec } from "../reports/charts-specs.js";
import { INVITATION_COMMANDS } from "./commands-invitations.js";
import { MISSION_COMMANDS } from "./commands-missions.js";
import { REVIEW_COMMANDS } from "./commands-review.js";
import { POINTS_COMMANDS } from "./commands-points.js";
import { REWARD_COMMANDS } from "./commands-rewards.js";
import { REDEMPTION_COMMANDS } from "./commands-redemptions.js";
import { CYCLE_COMMANDS } from "./commands-cycles.js";
import { LINK_COMMANDS } from "./commands-links.js";
import { STATS_COMMANDS } from "./commands-stats.js";
import { BROADCAST_COMMANDS } from "./commands-broadcast.js";
import { MEASUREMENT_COMMANDS } from "./commands-measurement.js";
import { SUBMISSION_COMMANDS } from "./commands-submissions.js";
import { TIER_COMMANDS } from "./commands-tiers.js";
import { ROLE_COMMANDS } from "./commands-roles.js";
import { DASHBOARD_COMMANDS } from "./commands-dashboard.js";
import { EXPORT_COMMANDS } from "./commands-export.js";
import { DB_COMMANDS } from "./commands-db.js";
import { TRANSLATION_COMMANDS } from "./commands-translations.js";
import { CONSOLE_COMMANDS } from "./commands-console.js";
import { OPERATOR_COMMANDS } from "./commands-operator.js";
import { REFERRAL_COMMANDS } from "./commands-referrals.js";
import { FULFILMENT_COMMANDS } from "./commands-fulfilment.js";
import { SETTINGS_COMMANDS } from "./commands-settings.js";

export interface CliOutput {
  data: unknown;
  text: string;
  /** a chart of the figures: chat sends it as an image beside the text; the terminal ignores it */
  chart?: ChartSpec;
}
export type CliResult = Result<CliOutput> | { ok: false; error: string; params?: ErrParams; fieldErrors?: { field: string; messageId: string }[] };
/**
 * One entry of the command table. `usage` is the contract: the CLI (src/cli/program.ts) reads its
 * arguments and options from it (see src/cli/usage-spec.ts). The rest is optional help text.
 * `actor`: "operator" from the CLI, the chat user (platform:userId) from /advo in chat.
 */
export type Command = {
  usage: string;
  /** one line for `advo --help` and the command's own help */
  description?: string;
  /** full command lines shown under "Examples:" in the command's help */
  examples?: string[];
  /** options the usage line does not spell out (e.g. `--name-fr TEXT`), as "--flag VALUE" or "--flag" */
  extraOptions?: string[];
  /**
   * For changes that cannot be undone: what the command would do, shown on a terminal before
   * asking "Proceed?". Without a terminal the CLI refuses unless `--yes` is given. Not used in chat.
   */
  confirm?: (deps: Deps, args: ParsedArgs, actor: Actor) => Promise<CliResult>;
  /** `locale`: the reader's language when asked from chat (the CLI's text stays in DEFAULT_LOCALE) */
  run: (deps: Deps, args: ParsedArgs, actor: Actor, locale?: Locale) => Promise<CliResult>;
};

export const COMMANDS: Record<string, Command> = {
  ...INVITATION_COMMANDS,
  ...MISSION_COMMANDS,
  ...REVIEW_COMMANDS,
  ...POINTS_COMMANDS,
  ...REWARD_COMMANDS,
  ...REDEMPTION_COMMANDS,
  ...CYCLE_COMMANDS,
  ...LINK_COMMANDS,
  ...STATS_COMMANDS,
  ...BROADCAST_COMMANDS,
  ...MEASUREMENT_COMMANDS,
  ...SUBMISSION_COMMANDS,
  ...TIER_COMMANDS,
  ...ROLE_COMMANDS,
  ...DASHBOARD_COMMANDS,
  ...EXPORT_COMMANDS,
  ...DB_COMMANDS,
  ...TRANSLATION_COMMANDS,
  ...CONSOLE_COMMANDS,
  ...OPERATOR_COMMANDS,
  ...REFERRAL_COMMANDS,
  ...FULFILMENT_COMMANDS,
  ...SETTINGS_COMMANDS,
};
