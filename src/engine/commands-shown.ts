// Commands named as the reader's client shows them, for messages that tell someone what to type
// (help, "send /start CODE"). Discord lists its slash commands by the client's own language
// (name_localizations, from the "discord" catalog) and calls the engine's start "join"; a typed DM
// carries no client locale, so there the person's language names them. Elsewhere a command is the
// engine's name (/start). Messages use them as `{cmd_<engine name>}`.
import { catalogs } from "../i18n/catalog.js";
import { normalizeLocale, t, type Locale } from "../i18n/translate.js";
import type { Platform } from "./events.js";

/** Engine command → Discord command name, where they differ (adapters/discord/commands.ts registers it). */
export const DISCORD_COMMAND_OF: Readonly<Record<string, string>> = { start: "join" };

export const SHOWN_COMMANDS = [
  "start", "help", "missions", "submit", "points", "leaderboard", "rewards", "refer", "language", "timezone", "stop", "resume", "cancel", "accounts", "mydata", "deleteme",
] as const;

/**
 * How `/engine` appears to this reader. `clientLocale`: the language the platform's client shows
 * its UI in (Discord interactions); a client language without a localization shows the English names.
 */
export function commandAsShown(platform: Platform, engine: string, locale: Locale, clientLocale?: string): string {
  if (platform !== "discord") return `/${engine}`;
  const name = DISCORD_COMMAND_OF[engine] ?? engine;
  const key = `discord.cmd.${name}.name`;
  if (catalogs.en[key] === undefined) return `/${engine}`;
  const shownIn = clientLocale !== undefined ? (normalizeLocale(clientLocale) ?? "en") : locale;
  return `/${t(shownIn, key)}`;
}

/** `{cmd_start: "/rejoindre", …}` for every command a message may name. */
export function commandParams(platform: Platform, locale: Locale, clientLocale?: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of SHOWN_COMMANDS) out[`cmd_${c}`] = commandAsShown(platform, c, locale, clientLocale);
  return out;
}
