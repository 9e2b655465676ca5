// Human output of the operator CLI: aligned tables, dates in the operator's time zone (--tz, else
// TZ, else UTC) and numbers with thousands separators. JSON output never goes through here.
import type { ParsedArgs } from "./args.js";

/** The zone to show dates in: `--tz` (put in flags by the CLI), else UTC (chat replies). */
export function displayZone(a?: Pick<ParsedArgs, "flags">): string {
  const tz = a?.flags.tz;
  return typeof tz === "string" && tz ? tz : "UTC";
}

/** Whether `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** "2026-12-07 14:05" in the display zone; "-" for none. */
export function fmtDate(d: Date | null | undefined, a?: Pick<ParsedArgs, "flags">): string {
  if (!d) return "-";
  const zone = displayZone(a);
  let f = dateFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("sv-SE", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false });
    dateFormats.set(zone, f);
  }
  return f.format(d);
}

const numbers = new Intl.NumberFormat("en-US");
/** 1234567 → "1,234,567" (human output only). */
export const fmtNum = (n: number | bigint | null | undefined): string => (n === null || n === undefined ? "-" : numbers.format(n));

export type Cell = string | number | null | undefined;

/**
 * Rows under a header, each column padded to its widest cell; numbers (and `-`-for-none in a
 * numeric column) are right-aligned and get separators. `empty` when there are no rows.
 */
export function table(headers: string[], rows: Cell[][], empty: string): string {
  if (!rows.length) return empty;
  const numeric = headers.map((_, i) => rows.every((r) => typeof r[i] === "number" || r[i] === null || r[i] === undefined) && rows.some((r) => typeof r[i] === "number"));
  const text = rows.map((r) => headers.map((_, i) => (typeof r[i] === "number" ? fmtNum(r[i] as number) : (r[i] ?? "-").toString())));
  const widths = headers.map((h, i) => Math.max(h.length, ...text.map((r) => [...r[i]!].length)));
  const pad = (c: string, i: number) => " ".repeat(widths[i]! - [...c].length);
  const line = (cells: string[]) => cells.map((c, i) => (numeric[i] ? pad(c, i) + c : i === cells.length - 1 ? c : c + pad(c, i))).join("  ").trimEnd();
  return [line(headers), ...text.map(line)].join("\n");
}
