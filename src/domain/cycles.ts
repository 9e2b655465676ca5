// Reward cycle arithmetic (pure). Cycles are calendar-aligned in UTC.
export type CycleLength = "quarter" | "semester" | "year";

export interface CycleBounds {
  name: string;
  startsAt: Date;
  endsAt: Date;
}

const MONTHS: Record<CycleLength, number> = { quarter: 3, semester: 6, year: 12 };

/** The calendar-aligned cycle containing `at`. endsAt is exclusive. */
export function cycleContaining(at: Date, length: CycleLength): CycleBounds {
  const months = MONTHS[length];
  const year = at.getUTCFullYear();
  const index = Math.floor(at.getUTCMonth() / months);
  const startsAt = new Date(Date.UTC(year, index * months, 1));
  const endsAt = new Date(Date.UTC(year, (index + 1) * months, 1));
  const name =
    length === "year" ? `${year}` : length === "semester" ? `${year}-H${index + 1}` : `${year}-Q${index + 1}`;
  return { name, startsAt, endsAt };
}

/** The cycle that follows one ending at `endsAt`. */
export function nextCycle(endsAt: Date, length: CycleLength): CycleBounds {
  return cycleContaining(endsAt, length);
}

/**
 * A name no open or recent cycle has: the default (from dates, "2027-Q1"), else the same with
 * " #2", " #3"… — two cycles a manager can tell apart in every list and confirmation.
 */
export function distinctCycleName(name: string, taken: readonly string[]): string {
  const used = new Set(taken);
  if (!used.has(name)) return name;
  for (let n = 2; ; n++) if (!used.has(`${name} #${n}`)) return `${name} #${n}`;
}
