// The values a segment can target (issue 15): regions, interests and tags people in the program
// have, for the Slack modal's external selects (typed → suggestions). Regions in one grouped
// query; interests and tags are JSON lists, read for a bounded number of people and merged here.
import type { Deps } from "./deps.js";
import { stringList } from "../domain/segment.js";

export const SEGMENT_FIELDS = ["regions", "interests", "tags"] as const;
export type SegmentField = (typeof SEGMENT_FIELDS)[number];
/** people read for interests and tags: bounds the work on a large program */
const PEOPLE_READ = 5000;

export async function segmentValues(deps: Pick<Deps, "db">, field: SegmentField): Promise<string[]> {
  const live = { deletedAt: null, status: { in: ["active", "paused", "onboarding", "invited"] } };
  if (field === "regions") {
    const rows = await deps.db.influencer.groupBy({ by: ["region"], where: { ...live, region: { not: null } }, orderBy: { region: "asc" }, take: 1000 });
    return rows.flatMap((r) => (r.region ? [r.region] : []));
  }
  const rows = await deps.db.influencer.findMany({ where: live, select: field === "interests" ? { interests: true } : { tags: true }, orderBy: { id: "desc" }, take: PEOPLE_READ });
  return [...new Set(rows.flatMap((r) => stringList((r as { interests?: unknown; tags?: unknown })[field])))];
}
