// `/advo help` (issue 15): every sub-command a manager may run in chat, each with a real example,
// and only those their role allows (src/domain/roles.ts) — a reviewer is not shown cycle close.
// A command missing from this table is shown with its usage and, like an unlisted service action,
// needs an admin.
import type { Role } from "../../domain/roles.js";
import { roleAllows } from "../../domain/roles.js";

export interface HelpEntry {
  /** the role action the service behind it checks */
  action: string;
  /** a sub-command line as a manager would type it (after `/advo `) */
  example: string;
  /** shown instead of the table's usage (chat asks instead of taking a flag) */
  usage?: string;
}

/** Interactive sub-commands (src/engine/manage/advo-command.ts), in help order. */
export const INTERACTIVE_HELP: Record<string, HelpEntry> = {
  "mission new": { action: "mission.create", example: "mission new" },
  "mission edit": { action: "mission.edit", example: "mission edit 12", usage: "mission edit ID" },
  missions: { action: "mission.list", example: "missions" },
  review: { action: "review.list", example: "review" },
  influencer: { action: "influencer", example: "influencer @ana_makes" },
  leaderboard: { action: "report.view", example: "leaderboard --size 20" },
  redemptions: { action: "redemption.list", example: "redemptions" },
  broadcast: { action: "broadcast.draft", example: "broadcast" },
  stats: { action: "stats.cycle", example: "stats" },
  report: { action: "report.view", example: "report --mission 12" },
  dashboard: { action: "report.view", example: "dashboard" },
  "cycle close": { action: "cycle.close", example: "cycle close", usage: "cycle close" },
  "tier new": { action: "tiers.set", example: "tier new", usage: "tier new" },
  "tier edit": { action: "tiers.set", example: "tier edit gold", usage: "tier edit KEY" },
  "invite new": { action: "invitation.create", example: "invite new", usage: "invite new" },
};

/** The operator table's commands as typed in chat. */
export const TABLE_HELP: Record<string, HelpEntry> = {
  "invite create": { action: "invitation.create", example: "invite create --count 5 --days 14 --tags spring" },
  "invite list": { action: "invitation.list", example: "invite list" },
  "invite revoke": { action: "invitation.revoke", example: "invite revoke SPRING-7K2Q" },
  "mission list": { action: "mission.list", example: "mission list --status published" },
  "mission preview": { action: "mission.view", example: "mission preview 12" },
  "mission publish": { action: "mission.publish", example: "mission publish 12" },
  "mission close": { action: "mission.close", example: "mission close 12" },
  "mission duplicate": { action: "mission.duplicate", example: "mission duplicate 12" },
  "submission list": { action: "review.list", example: "submission list --status pending" },
  "submission approve": { action: "submission.approve", example: "submission approve 340" },
  "submission reject": { action: "submission.reject", example: "submission reject 340 --reason \"No #ad disclosure\"" },
  "submissions settings": { action: "settings.submissions", example: "submissions settings --max-attempts 3" },
  "points adjust": { action: "points.adjust", example: "points adjust 42 50 --reason \"Event bonus\"" },
  "points statement": { action: "points.statement", example: "points statement 42" },
  "reward create": { action: "reward.create", example: "reward create --name \"Tote bag\" --cost 500 --stock 40" },
  "reward list": { action: "reward.list", example: "reward list" },
  "redemption list": { action: "redemption.list", example: "redemption list" },
  "redemption fulfil": { action: "redemption.fulfil", example: "redemption fulfil 8" },
  "redemption cancel": { action: "redemption.cancel", example: "redemption cancel 8" },
  "cycle settings": { action: "cycle.settings", example: "cycle settings --length quarter --bonuses 500,300,100" },
  "link create": { action: "tracking.create", example: "link create --url https://shop.example/spring --mission 12" },
  "tier list": { action: "tiers.list", example: "tier list" },
  "tier set": { action: "tiers.set", example: "tier set gold --threshold 2000 --name Gold --name-es Oro" },
  "tier remove": { action: "tiers.remove", example: "tier remove gold" },
  "tier basis": { action: "tiers.basis", example: "tier basis cycle" },
  "manager list": { action: "managers.list", example: "manager list" },
  "settings confirm-above": { action: "settings.confirm_above", example: "settings confirm-above 2000" },
  "manager set-role": { action: "managers.set_role", example: "manager set-role slack:U0123ABCD reviewer" },
  "manager remove": { action: "managers.remove", example: "manager remove slack:U0123ABCD" },
  "dashboard link": { action: "report.view", example: "dashboard link" },
  "dashboard revoke": { action: "dashboard.revoke", example: "dashboard revoke --all" },
};

export interface HelpLine {
  usage: string;
  example: string;
}

/**
 * The lines one role sees: interactive entries first, then the table's (with its usage), skipping
 * names already shown and names that make no sense in chat.
 */
export function helpLines(role: Role, table: Record<string, { usage: string }>, notInChat: ReadonlySet<string>): HelpLine[] {
  const lines: HelpLine[] = [];
  const shown = new Set<string>();
  for (const [name, entry] of Object.entries(INTERACTIVE_HELP)) {
    shown.add(name);
    if (roleAllows(role, entry.action)) lines.push({ usage: entry.usage ?? table[name]?.usage ?? name, example: entry.example });
  }
  for (const [name, command] of Object.entries(table)) {
    if (shown.has(name) || notInChat.has(name)) continue;
    const entry = TABLE_HELP[name];
    if (roleAllows(role, entry?.action ?? "admin.only")) lines.push({ usage: command.usage, example: entry?.example ?? command.usage });
  }
  return lines;
}
