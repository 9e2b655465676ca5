// The influencer's local time, when their timezone is known: quiet hours and deadline display.
// An unknown or invalid timezone means "not known": no quiet hours, times shown in UTC.

/** Hour 0–23 at `at` in the IANA timezone, or undefined when the zone is unknown/invalid. */
export function localHour(at: Date, timezone: string | null | undefined): number | undefined {
  if (!timezone) return undefined;
  try {
    const hour = new Intl.DateTimeFormat("en-US", { timeZone: timezone, hour: "numeric", hourCycle: "h23" }).format(at);
    return Number(hour) % 24;
  } catch {
    return undefined;
  }
}

/** "22-8" → quiet from 22:00 to 07:59; "13-15" → 13:00 to 14:59. */
export function parseQuietHours(spec: string): { start: number; end: number } {
  const [start = 22, end = 8] = spec.split("-").map(Number);
  return { start: start % 24, end: end % 24 };
}

export function isQuietTime(at: Date, timezone: string | null | undefined, spec: string): boolean {
  const hour = localHour(at, timezone);
  if (hour === undefined) return false;
  const { start, end } = parseQuietHours(spec);
  if (start === end) return false;
  return start < end ? hour >= start && hour < end : hour >= start || hour < end;
}
