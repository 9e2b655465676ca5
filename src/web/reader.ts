// Who reads a dashboard page: the manager's own language and time zone, taken from the
// influencer record behind the same platform account (set with /language and /timezone or by the
// platform, e.g. Slack's tz). Fallbacks: the program's language and UTC. One query per request.
import { LOCALES, type Locale } from "../config.js";
import type { Role } from "../domain/roles.js";
import type { Deps } from "../services/deps.js";
import { roleMayOpen } from "./access.js";
import type { Actor } from "../services/managers.js";

export interface Reader {
  actor: Actor;
  locale: Locale;
  timeZone: string;
  csrf: string;
  role: Role;
  /** Whether this reader may open `path` (GET) or post to it: links and buttons they can't use are not shown. */
  may(path: string, method?: "GET" | "POST"): boolean;
}

const isLocale = (v: string | null | undefined): v is Locale => !!v && (LOCALES as readonly string[]).includes(v);

function validZone(zone: string | null | undefined): string | undefined {
  if (!zone) return undefined;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone;
  } catch {
    return undefined; // a stale or hand-written zone must not break every page
  }
}

export async function readerOf(deps: Pick<Deps, "db" | "config">, actor: Actor, csrf: string, role: Role): Promise<Reader> {
  const i = actor.indexOf(":");
  const account = i > 0
    ? await deps.db.platformAccount.findUnique({
        where: { platform_externalId: { platform: actor.slice(0, i), externalId: actor.slice(i + 1) } },
        select: { influencer: { select: { locale: true, platformLocale: true, timezone: true } } },
      })
    : null;
  const person = account?.influencer;
  const locale = isLocale(person?.locale) ? person.locale : isLocale(person?.platformLocale) ? person.platformLocale : deps.config.DEFAULT_LOCALE;
  return { actor, locale, timeZone: validZone(person?.timezone) ?? "UTC", csrf, role, may: (path, method) => roleMayOpen(role, path, method) };
}

/** A date and time in the reader's zone and language, e.g. "5 Dec 2026, 14:05". */
export function formatWhen(reader: Pick<Reader, "locale" | "timeZone">, when: Date | null | undefined): string {
  if (!when) return "";
  return new Intl.DateTimeFormat(reader.locale, { dateStyle: "medium", timeStyle: "short", timeZone: reader.timeZone }).format(when);
}

export function formatDay(reader: Pick<Reader, "locale" | "timeZone">, when: Date): string {
  return new Intl.DateTimeFormat(reader.locale, { dateStyle: "medium", timeZone: reader.timeZone }).format(when);
}

export function formatNumber(reader: Pick<Reader, "locale">, n: number): string {
  return new Intl.NumberFormat(reader.locale).format(n);
}

export function formatMoney(reader: Pick<Reader, "locale">, amount: number, currency: string): string {
  return new Intl.NumberFormat(reader.locale, { style: "currency", currency }).format(amount);
}

export function formatRoi(reader: Pick<Reader, "locale">, roi: number | null): string {
  return roi === null ? "—" : new Intl.NumberFormat(reader.locale, { style: "percent", maximumFractionDigits: 0 }).format(roi);
}
