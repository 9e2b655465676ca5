// "Your links" in /points: an influencer's own clicks and sales per mission (previews left out),
// in three grouped reads whatever the number of clicks.
import type { Locale } from "../config.js";
import type { Db } from "../db/client.js";
import { missionTitleFor } from "../domain/content-translations.js";

export interface LinkResult {
  missionId: number;
  title: string;
  clicks: number;
  conversions: number;
}

/** `locale`: the reader's, for the mission titles (their translation, else the program's). */
export async function yourLinks(db: Db, influencerId: number, locale: Locale): Promise<LinkResult[]> {
  const links = await db.trackingLink.findMany({
    where: { influencerId, participationId: { not: null } },
    select: { id: true, missionId: true },
    orderBy: { id: "desc" }, take: 10,
  });
  // Most people have no links: the titles are read only when there are some (an include would
  // run its mission query even for none).
  if (!links.length) return [];
  const ids = links.map((l) => l.id);
  const missionIds = [...new Set(links.flatMap((l) => (l.missionId === null ? [] : [l.missionId])))];
  const [missions, clicks, sales] = await Promise.all([
    db.mission.findMany({ where: { id: { in: missionIds } }, select: { id: true, title: true, translations: true } }),
    db.click.groupBy({ by: ["trackingLinkId"], where: { trackingLinkId: { in: ids }, preview: false }, _count: { _all: true } }),
    db.conversion.groupBy({ by: ["trackingLinkId"], where: { trackingLinkId: { in: ids }, kind: "order" }, _count: { _all: true } }),
  ]);
  const clicksOf = new Map(clicks.map((c) => [c.trackingLinkId, c._count._all]));
  const salesOf = new Map(sales.map((c) => [c.trackingLinkId!, c._count._all]));
  const titleOf = new Map(missions.map((m) => [m.id, missionTitleFor(m, locale)]));
  return links.map((l) => ({ missionId: l.missionId!, title: (l.missionId !== null && titleOf.get(l.missionId)) || "", clicks: clicksOf.get(l.id) ?? 0, conversions: salesOf.get(l.id) ?? 0 }));
}
