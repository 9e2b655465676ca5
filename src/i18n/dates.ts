// The one place dates shown to a person are formatted: in their locale and their time zone
// (Influencer.timezone, a manager's Slack tz, else the program's JOBS_TZ). Stored dates stay UTC.
import type { Locale } from "../config.js";
import { BoundedMap, memoized } from "../bounded-map.js";

export interface DateReader {
  locale: Locale;
  timeZone?: string | null;
}

/**
 * Zone names already checked. Building an Intl.DateTimeFormat to test a name costs about a
 * millisecond, and every event checks its platform's zone hint: remember the answer (bounded,
 * since the names come from outside).
 */
const checkedZones = new BoundedMap<string, boolean>(2_000);

/** True when Intl knows the IANA zone name ("Europe/Madrid", "UTC"). */
export function isTimeZone(name: string | null | undefined): name is string {
  if (!name) return false;
  return memoized(checkedZones, name, (zone) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  });
}

/** The zone's canonical spelling ("europe/madrid" → "Europe/Madrid"), or undefined if unknown. */
export function canonicalTimeZone(name: string | null | undefined): string | undefined {
  if (!isTimeZone(name)) return undefined;
  return new Intl.DateTimeFormat("en", { timeZone: name }).resolvedOptions().timeZone;
}

// Formatters per locale × valid zone × style: a few thousand at most (isTimeZone filters the zones).
const formatters = new BoundedMap<string, Intl.DateTimeFormat>(4_000);

function formatter(reader: DateReader, withTime: boolean): Intl.DateTimeFormat {
  const timeZone = isTimeZone(reader.timeZone) ? reader.timeZone : "UTC";
  const id = `${reader.locale} ${timeZone} ${withTime}`;
  let f = formatters.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat(reader.locale, withTime ? { dateStyle: "medium", timeStyle: "short", timeZone } : { dateStyle: "medium", timeZone });
    formatters.set(id, f);
  }
  return f;
}

/** "3 dic 2026, 14:30" in the reader's zone. */
export function formatDateTime(date: Date, reader: DateReader): string {
  return formatter(reader, true).format(date);
}

/** "3 dic 2026" in the reader's zone. */
export function formatDate(date: Date, reader: DateReader): string {
  return formatter(reader, false).format(date);
}

const deadlineFormatters = new BoundedMap<string, Intl.DateTimeFormat>(4_000);

/** A deadline with its zone, so nobody misreads it: "3 dic 2026, 14:30 CET". */
export function formatDeadline(date: Date, reader: DateReader): string {
  const timeZone = isTimeZone(reader.timeZone) ? reader.timeZone : "UTC";
  const id = `${reader.locale} ${timeZone}`;
  let f = deadlineFormatters.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat(reader.locale, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short", timeZone });
    deadlineFormatters.set(id, f);
  }
  return f.format(date);
}

/** The first valid zone of the candidates (the person's own, a platform hint, the program's JOBS_TZ), else UTC. */
export function zoneOf(...candidates: (string | null | undefined)[]): string {
  return candidates.find((zone): zone is string => isTimeZone(zone)) ?? "UTC";
}

/** A Date as an outbox message param: JSON keeps it as { $date }, the outbox renderer turns it
 * back into a Date shown in the recipient's locale and zone at send time. */
export function dateParam(date: Date): DateParam {
  return { $date: date.toISOString() };
}

/** `$style: "date"` shows the day alone, without time or relative hint (see TimeNode). */
export type DateParam = { $date: string; $style?: "date" };

/**
 * A message param for a date shown as its day alone ("3 Dec 2026" in the reader's zone; Discord
 * `<t:…:D>`, Slack `{date_short}`), for a history line or a list item where the time and "3 days
 * ago" would be noise. It travels as JSON like dateParam.
 */
export function dateOnly(date: Date): DateParam {
  return { $date: date.toISOString(), $style: "date" };
}

export function isDateParam(value: unknown): value is DateParam {
  return typeof value === "object" && value !== null && typeof (value as { $date?: unknown }).$date === "string";
}

// One relative-time formatter per language (the languages come from messages: few, but bounded).
const relativeFormats = new BoundedMap<string, Intl.RelativeTimeFormat>(64);

function relativeFormat(locale: string): Intl.RelativeTimeFormat {
  return memoized(relativeFormats, locale, (tag) => {
    try {
      return new Intl.RelativeTimeFormat(tag, { numeric: "auto" });
    } catch {
      return new Intl.RelativeTimeFormat("en", { numeric: "auto" }); // a malformed tag
    }
  });
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** unit, its length, and the distance below which it is used: minutes under an hour, hours under
 * a day, days under 60 days, months beyond. */
const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number, number][] = [
  ["minute", 60_000, HOUR_MS],
  ["hour", HOUR_MS, DAY_MS],
  ["day", DAY_MS, 60 * DAY_MS],
  ["month", 30 * DAY_MS, Infinity],
];

/**
 * How far `at` is from `now` in the reader's language, in the largest unit that keeps it readable:
 * "in 45 minutes", "dans 6 heures", "tomorrow", "hace 3 días", "in 2 months".
 */
export function relativeHint(at: Date, now: Date, locale: string): string {
  const diff = at.getTime() - now.getTime();
  const [unit, length] = RELATIVE_UNITS.find(([, , below]) => Math.abs(diff) < below)!;
  return relativeFormat(locale).format(Math.round(diff / length), unit);
}
