// The slash commands, with names and descriptions localized from the "discord" catalog area, and
// their registration: a bulk overwrite (PUT) on start, only when the definitions changed since the
// last registration (a hash kept in ProgramSetting), so restarts cost no command writes.
import { createHash } from "node:crypto";
import { Routes, type REST } from "discord.js";
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
  { name: "language", engine: "language" },
  { name: "help", engine: "help" },
  { name: "stop", engine: "stop" },
  { name: "resume", engine: "resume" },
  { name: "cancel", engine: "cancel" },
  { name: "accounts", engine: "accounts", options: [{ key: "account", required: false }] },
  { name: "mydata", engine: "mydata" },
  { name: "deleteme", engine: "deleteme" },
];

/** Discord command name (or a typed "/name") → engine command name. */
export function engineCommandName(discordName: string): string {
  const lower = discordName.toLowerCase();
  return COMMANDS.find((c) => c.name === lower)?.engine ?? lower;
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
  /** guild commands appear instantly; global ones can take up to an hour */
  guildId?: string;
}

export function commandsHash(target: RegistrationTarget, payloads = commandPayloads()): string {
  const scope = target.guildId ? `guild:${target.guildId}` : "global";
  return createHash("sha256").update(`${target.applicationId}|${scope}|${JSON.stringify(payloads)}`).digest("hex");
}

/** Registers the commands when they changed; returns what it did. */
export async function registerCommands(rest: REST, db: Db, target: RegistrationTarget, log: Logger): Promise<"registered" | "unchanged"> {
  const payloads = commandPayloads();
  const hash = commandsHash(target, payloads);
  const previous = await readCommandState(db);
  if (previous?.hash === hash) {
    log.debug({ scope: target.guildId ? "guild" : "global" }, "discord commands unchanged");
    return "unchanged";
  }
  const route = target.guildId
    ? Routes.applicationGuildCommands(target.applicationId, target.guildId)
    : Routes.applicationCommands(target.applicationId);
  await rest.put(route, { body: payloads });
  await writeCommandState(db, { hash });
  log.info({ scope: target.guildId ? "guild" : "global", count: payloads.length }, "discord commands registered");
  return "registered";
}
