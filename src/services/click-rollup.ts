// The daily click rollup behind the measurement report. Once a UTC day is over (plus a grace
// period for clicks still being written), its clicks are summed per link into ClickDaily — clicks,
// previews and distinct visitor hashes — and the watermark (program setting
// `tracking.rollup.until`, the first day NOT rolled up) moves past it. The report reads whole days
// before the watermark from ClickDaily and everything else (the current day, the partial days at
// the edges of a cycle's window) from Click itself, so its figures are always those of the raw
// clicks. Each day is rolled up in its own transaction (delete the day, insert it, move the
// watermark): a crash or a second run repeats a day, never counts it twice.
// Uniques stay exact when summed over days: the visitor hash is salted per day and per link, so a
// hash never appears on two days or two links.
import type { Db } from "../db/client.js";
import { clientProvider } from "./bulk-insert.js";

export const ROLLUP_WATERMARK_KEY = "tracking.rollup.until";
/** clicks are written within a second of their redirect; a day is rolled up this long after it ends */
export const ROLLUP_GRACE_MS = 10 * 60_000;
const DAY_MS = 86_400_000;

export function utcDayStart(t: Date): Date {
  return new Date(Math.floor(t.getTime() / DAY_MS) * DAY_MS);
}

export function nextUtcDay(t: Date): Date {
  return new Date(utcDayStart(t).getTime() + DAY_MS);
}

/** The first day not rolled up yet; null before the first rollup (then every click is read raw). */
export async function rollupWatermark(db: Db): Promise<Date | null> {
  const row = await db.programSetting.findUnique({ where: { key: ROLLUP_WATERMARK_KEY } });
  if (!row || typeof row.value !== "string") return null;
  const d = new Date(row.value);
  return Number.isNaN(d.getTime()) ? null : d;
}

async function setWatermark(db: Db, day: Date): Promise<void> {
  const value = day.toISOString();
  await db.programSetting.upsert({ where: { key: ROLLUP_WATERMARK_KEY }, create: { key: ROLLUP_WATERMARK_KEY, value }, update: { value } });
}

/** Rolls up every finished day not rolled up yet; returns how many days it wrote. */
export async function rollUpClicks(db: Db, now: Date, graceMs = ROLLUP_GRACE_MS): Promise<{ days: number; until: string }> {
  const target = utcDayStart(new Date(now.getTime() - graceMs));
  let day = await rollupWatermark(db);
  if (!day) {
    const first = await db.click.findFirst({ orderBy: { at: "asc" }, select: { at: true } });
    day = first ? utcDayStart(first.at) : target;
  }
  const p = clientProvider(db) === "postgresql" ? ["$1", "$2", "$3"] : ["?", "?", "?"];
  let days = 0;
  while (day < target) {
    const from = day;
    const to = nextUtcDay(from);
    await db.$transaction(async (tx) => {
      await tx.clickDaily.deleteMany({ where: { day: from } });
      await tx.$executeRawUnsafe(
        `INSERT INTO "ClickDaily" ("trackingLinkId", "day", "clicks", "previews", "uniques")
         SELECT c."trackingLinkId", ${p[0]}, SUM(CASE WHEN c."preview" THEN 0 ELSE 1 END), SUM(CASE WHEN c."preview" THEN 1 ELSE 0 END), COUNT(DISTINCT c."visitorHash")
         FROM "Click" c WHERE c."at" >= ${p[1]} AND c."at" < ${p[2]}
         GROUP BY c."trackingLinkId"`,
        from, from, to,
      );
      // The same day per mission (the overview's figures read these ~50 rows a day, not ClickDaily's
      // one per link): links of no mission under 0; uniques add up (a hash is one link's and day's).
      await tx.missionClickDaily.deleteMany({ where: { day: from } });
      await tx.$executeRawUnsafe(
        `INSERT INTO "MissionClickDaily" ("missionId", "day", "clicks", "previews", "uniques")
         SELECT COALESCE(l."missionId", 0), d."day", SUM(d."clicks"), SUM(d."previews"), SUM(d."uniques")
         FROM "ClickDaily" d JOIN "TrackingLink" l ON l."id" = d."trackingLinkId" WHERE d."day" = ${p[0]}
         GROUP BY COALESCE(l."missionId", 0), d."day"`,
        from,
      );
      await setWatermark(tx as unknown as Db, to);
    }, { timeout: 120_000, maxWait: 30_000 });
    days++;
    day = to;
  }
  if (!(await rollupWatermark(db))) await setWatermark(db, target); // nothing to roll up yet: start here
  return { days, until: (day > target ? day : target).toISOString() };
}
