// Tracking links: a manager creates a short link to a landing page for a mission (optionally per
// influencer); every visit through /t/<code> records a Click (visitor hashed, never the raw
// address) before redirecting. Mission figures count the clicks.
import { createHash } from "node:crypto";
import { z } from "zod";
import { err, ok, type Result } from "../result.js";
import { audit } from "./audit.js";
import { isUniqueViolation, type Deps } from "./deps.js";
import { generateCode } from "./invitations.js";
import { requireManager, type Actor } from "./managers.js";

export const trackingLinkSchema = z.object({
  targetUrl: z.url({ protocol: /^https?$/ }).max(2000),
  missionId: z.coerce.number().int().positive().optional(),
  influencerId: z.coerce.number().int().positive().optional(),
});
export type TrackingLinkInput = z.input<typeof trackingLinkSchema>;

export const TRACKING_CODE = /^[A-Z2-9]{10}$/;

export async function createTrackingLink(deps: Deps, actor: Actor, input: TrackingLinkInput): Promise<Result<{ code: string; url: string; targetUrl: string }>> {
  const refused = await requireManager(deps, actor, "tracking.create");
  if (refused) return refused;
  const parsed = trackingLinkSchema.safeParse(input);
  if (!parsed.success) return err("manage.tracking.invalid", { field: String(parsed.error.issues[0]?.path[0] ?? "") });
  const { targetUrl, missionId, influencerId } = parsed.data;
  if (missionId && !(await deps.db.mission.findUnique({ where: { id: missionId }, select: { id: true } }))) return err("manage.mission.not_found", { id: missionId });
  for (let attempt = 0; ; attempt++) {
    const code = generateCode(10);
    try {
      await deps.db.trackingLink.create({ data: { code, targetUrl, missionId: missionId ?? null, influencerId: influencerId ?? null } });
      await audit(deps.db, { actor, action: "tracking.create", targetType: "tracking_link", targetId: code, after: parsed.data });
      return ok({ code, url: `${(deps.config.PUBLIC_URL ?? "http://localhost:3000").replace(/\/$/, "")}/t/${code}`, targetUrl });
    } catch (e) {
      if (!isUniqueViolation(e) || attempt >= 5) throw e;
    }
  }
}

/** Records one visit and returns where to send the visitor, or null for an unknown code. */
export async function recordClick(deps: Pick<Deps, "db" | "clock">, code: string, visitor: { ip?: string; userAgent?: string }): Promise<string | null> {
  if (!TRACKING_CODE.test(code)) return null;
  const link = await deps.db.trackingLink.findUnique({ where: { code }, select: { id: true, targetUrl: true } });
  if (!link) return null;
  const now = deps.clock.now();
  // Same visitor, same day → same hash (unique visitors per day), without storing the address.
  const visitorHash = visitor.ip ? createHash("sha256").update(`${visitor.ip}|${visitor.userAgent ?? ""}|${now.toISOString().slice(0, 10)}|${code}`).digest("hex").slice(0, 32) : null;
  await deps.db.click.create({ data: { trackingLinkId: link.id, visitorHash, userAgent: visitor.userAgent?.slice(0, 200) ?? null, at: now } });
  return link.targetUrl;
}

/** Clicks per mission, in two grouped queries. */
export async function clicksByMission(deps: Pick<Deps, "db">, missionIds: number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (!missionIds.length) return out;
  const links = await deps.db.trackingLink.findMany({ where: { missionId: { in: missionIds } }, select: { id: true, missionId: true } });
  if (!links.length) return out;
  const counts = await deps.db.click.groupBy({ by: ["trackingLinkId"], where: { trackingLinkId: { in: links.map((l) => l.id) } }, _count: { _all: true } });
  const missionOf = new Map(links.map((l) => [l.id, l.missionId!]));
  for (const c of counts) {
    const m = missionOf.get(c.trackingLinkId)!;
    out.set(m, (out.get(m) ?? 0) + c._count._all);
  }
  return out;
}
