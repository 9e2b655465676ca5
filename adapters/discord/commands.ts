// The slash commands, with names and descriptions localized from the "discord" catalog area, and
// their registration: a bulk overwrite (PUT) on start, only when the definitions changed since the
// last registration (a hash kept in ProgramSetting), so restarts cost no command writes.
import { createHash } from "node:crypto";
import { DiscordPaths, type DiscordRest } from "./ports.js";
import type { Db } from "../../src/db/client.js";
import type { Logger } from "../../src/logger.js";
import { LOCALES, t, type Locale } from "../../src/i18n/translate.js";
import { readCommandState, writeCommandState } from "./command-state.js";

interface OptionDef {
  /** key in the catalog: discord.cmd.<command>.<key>.name / .description */
  key: string;
  required: boolean;
}
interface CommandDef {
  /** Discord's default (English) name — what interactions carry in data.name */
  name: string;
  /** the engine command it maps to */
  engine: string;
  options?: OptionDef[];
}

/** The engine's join is `/start CODE`; Discord users type `/join code`. */
export const COMMANDS: readonly CommandDef[] = [
  { name: "join", engine: "start", options: [{ key: "code", required: true }] },
  { name: "missions", engine: "missions" },
  { name: "submit", engine: "submit", options: [{ key: "link", required: false }] },
  { name: "points", engine: "points" },
  { name: "leaderboard", engine: "leaderboard" },
  { name: "rewards", engine: "rewards" },
  { name: "refer", engine: "refer" },
  { name: "language", engine: "language" },
  { name: "timezone", engine: "timezone", options: [{ key: "zone", required: false }] },
  { name: "help", engine: "help" },
  { name: "stop", engine: "stop" },
  { name: "resume", engine: "resume" },
  { name: "cancel", engine: "cancel" },
  { name: "accounts", engine: "accounts", options: [{ key: "account", required: false }] },
  { name: "mydata", engine: "mydata" },
  { name: "deleteme", engine: "deleteme" },
];

/** Discord command name (or a typed "/name", in any catalog language) → engine command name. */
export function engineCommandName(discordName: string): string {
  return resolveTypedCommand(discordName).engine;
}

/**
 * A typed "/aide" or "/soumettre" in a DM is the localized command; its language is a hint (typed
 * text carries no locale) for someone who has not chosen one yet.
 */
export function resolveTypedCommand(typed: string): { engine: string; locale?: Locale } {
  const lower = typed.toLowerCase();
  const english = COMMANDS.find((c) => c.name === lower);
  if (english) return { engine: english.engine };
  for (const locale of LOCALES) {
    if (locale === "en") continue;
    const found = COMMANDS.find((c) => t(locale, `discord.cmd.${c.name}.name`).toLowerCase() === lower);
    if (found) return { engine: found.engine, locale };
  }
  return { engine: lower };
}

/** Discord's locale codes for each catalog language (English is the default, not a localization). */
const DISCORD_LOCALES: Record<Exclude<Locale, "en">, string[]> = { es: ["es-ES", "es-419"], fr: ["fr"], it: ["it"] };

function localized(key: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const locale of LOCALES) {
    if (locale === "en") continue;
    for (const code of DISCORD_LOCALES[locale]) out[code] = t(locale, key);
  }
  return out;
}

/** The application command payloads (chat input, usable in the guild and in DMs with the bot). */
export function commandPayloads(): Record<string, unknown>[] {
  return COMMANDS.map((c) => ({
    type: 1,
    name: c.name,
    description: t("en", `discord.cmd.${c.name}.description`),
    name_localizations: localized(`discord.cmd.${c.name}.name`),
    description_localizations: localized(`discord.cmd.${c.name}.description`),
    contexts: [0, 1],
    integration_types: [0],
    options: (c.options ?? []).map((o) => ({
      type: 3,
      name: t("en", `discord.cmd.${c.name}.${o.key}.name`),
      description: t("en", `discord.cmd.${c.name}.${o.key}.description`),
      name_localizations: localized(`discord.cmd.${c.name}.${o.key}.name`),
      description_localizations: localized(`discord.cmd.${c.name}.${o.key}.description`),
      required: o.required,
    })),
  }));
}

export interface RegistrationTarget {
  applicationId: string;
  /** the program's server (roles, development copies) */
  guildId?: string;
  /**
   * "global" (default): commands everywhere, DMs included (`contexts` only applies to global
   * commands; new definitions can take up to an hour to show) — and any copy left in guildId is
   * removed so nobody sees each command twice. "guild": development only, a copy in guildId
   * that shows at once (no DMs).
   */
  scope?: "global" | "guild";
}

function planOf(target: RegistrationTarget): { scope: "global" | "guild"; guildId?: string } {
  const scope = target.scope === "guild" && target.guildId ? "guild" : "global";
  return { scope, ...(target.guildId ? { guildId: target.guildId } : {}) };
}

export function commandsHash(target: RegistrationTarget, payloads = commandPayloads()): string {
  const plan = planOf(target);
  return createHash("sha256").update(`${target.applicationId}|${plan.scope}|${plan.guildId ?? ""}|${JSON.stringify(payloads)}`).digest("hex");
}

/** Registers the commands when they (or where they go) changed; returns what it did. */
export async function registerCommands(rest: DiscordRest, db: Db, target: RegistrationTarget, log: Logger): Promise<"registered" | "unchanged"> {
  const payloads = commandPayloads();
  const plan = planOf(target);
  const hash = commandsHash(target, payloads);
  const previous = await readCommandState(db);
  if (previous?.hash === hash) {
    log.debug({ scope: plan.scope }, "discord commands unchanged");
    return "unchanged";
  }
  if (plan.scope === "guild") {
    await rest.put(DiscordPaths.applicationGuildCommands(target.applicationId, plan.guildId!), { body: payloads });
  } else {
    await rest.put(DiscordPaths.applicationCommands(target.applicationId), { body: payloads });
    if (plan.guildId) await removeGuildCopies(rest, target.applicationId, plan.guildId, log);
  }
  await writeCommandState(db, { hash });
  log.info({ scope: plan.scope, count: payloads.length }, "discord commands registered");
  return "registered";
}

/** Guild copies (from development, or an older Advo) next to global commands show twice: remove them. */
async function removeGuildCopies(rest: DiscordRest, applicationId: string, guildId: string, log: Logger): Promise<void> {
  const route = DiscordPaths.applicationGuildCommands(applicationId, guildId);
  const existing = (await rest.get(route)) as unknown[];
  if (!existing.length) return;
  await rest.put(route, { body: [] });
  log.info({ removed: existing.length }, "discord: stale guild commands removed (the global ones remain)");
}
