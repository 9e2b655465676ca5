// Tracking links: every accepted participation gets its influencer's personal link (created
// once, on accept); managers can also make links by hand (CLI). A visit through /t/<code> is
// resolved here (where to send it, which click id) and written after the redirect has gone out.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { err, ok, type Result } from "../result.js";
import { destinationTemplate, isPreviewRequest, missionSlug, type DestinationTemplate, type RequestTraits } from "../domain/tracking.js";
import { audit } from "./audit.js";
import type { Db } from "../db/client.js";
import { isUniqueViolation, type Deps } from "./deps.js";
import { generateCode } from "./invitations.js";
import { requireManager, type Actor } from "./managers.js";
import type { CachedLink, LinkCache } from "./link-cache.js";

export const trackingLinkSchema = z.object({
  targetUrl: z.url({ protocol: /^https?$/ }).max(2000),
  missionId: z.coerce.number().int().positive().optional(),
  influencerId: z.coerce.number().int().positive().optional(),
});
export type TrackingLinkInput = z.input<typeof trackingLinkSchema>;

/** 10 symbols of a 32-letter alphabet (≈50 bits): short to type, not guessable. */
export const TRACKING_CODE = /^[A-Z2-9]{10}$/;

export function trackingUrl(deps: Pick<Deps, "config">, code: string): string {
  return `${(deps.config.PUBLIC_URL ?? "http://localhost:3000").replace(/\/$/, "")}/t/${code}`;
}

async function insertWithFreshCode(create: (code: string) => Promise<unknown>): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const code = generateCode(10);
    try {
      await create(code);
      return code;
    } catch (e) {
      if (!isUniqueViolation(e) || attempt >= 5) throw e;
    }
  }
}

export async function createTrackingLink(deps: Deps, actor: Actor, input: TrackingLinkInput): Promise<Result<{ code: string; url: string; targetUrl: string }>> {
  const refused = await requireManager(deps, actor, "tracking.create");
  if (refused) return refused;
  const parsed = trackingLinkSchema.safeParse(input);
  if (!parsed.success) return err("manage.tracking.invalid", { field: String(parsed.error.issues[0]?.path[0] ?? "") });
  const { targetUrl, missionId, influencerId } = parsed.data;
  if (missionId && !(await deps.db.mission.findUnique({ where: { id: missionId }, select: { id: true } }))) return err("manage.mission.not_found", { id: missionId });
  const code = await insertWithFreshCode((code) => deps.db.trackingLink.create({ data: { code, targetUrl, missionId: missionId ?? null, influencerId: influencerId ?? null } }));
  await audit(deps.db, { actor, action: "tracking.create", targetType: "tracking_link", targetId: code, after: parsed.data });
  return ok({ code, url: trackingUrl(deps, code), targetUrl });
}

/** The influencer's opaque public code (utm_content), created on first need. */
export async function ensurePublicCode(db: Db, influencerId: number): Promise<string> {
  const inf = await db.influencer.findUniqueOrThrow({ where: { id: influencerId }, select: { publicCode: true } });
  if (inf.publicCode) return inf.publicCode;
  for (let attempt = 0; ; attempt++) {
    const code = `i${generateCode(7).toLowerCase()}`;
    try {
      const r = await db.influencer.updateMany({ where: { id: influencerId, publicCode: null }, data: { publicCode: code } });
      if (r.count === 1) return code;
      return (await db.influencer.findUniqueOrThrow({ where: { id: influencerId }, select: { publicCode: true } })).publicCode!;
    } catch (e) {
      if (!isUniqueViolation(e) || attempt >= 5) throw e;
    }
  }
}

/**
 * The personal link of one participation, created once: a second call (retry, re-accept, two
 * instances) returns the same code — participationId is unique. Null when the mission has no
 * landing URL.
 */
export async function ensureParticipationLink(deps: Pick<Deps, "db" | "config">, participationId: number): Promise<{ code: string; url: string } | null> {
  const part = await deps.db.participation.findUniqueOrThrow({ where: { id: participationId }, select: { missionId: true, influencerId: true, mission: { select: { landingUrl: true } } } });
  if (!part.mission.landingUrl) return null;
  const existing = await deps.db.trackingLink.findUnique({ where: { participationId }, select: { code: true } });
  if (existing) return { code: existing.code, url: trackingUrl(deps, existing.code) };
  await ensurePublicCode(deps.db, part.influencerId);
  try {
    const code = await insertWithFreshCode((code) =>
      deps.db.trackingLink.create({ data: { code, participationId, missionId: part.missionId, influencerId: part.influencerId, targetUrl: part.mission.landingUrl! } }),
    );
    return { code, url: trackingUrl(deps, code) };
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    const row = await deps.db.trackingLink.findUniqueOrThrow({ where: { participationId }, select: { code: true } }); // lost a race: theirs is the link
    return { code: row.code, url: trackingUrl(deps, row.code) };
  }
}

/** Personal link URLs of one influencer by mission (for /missions, cards and reminders). */
export async function personalLinks(deps: Pick<Deps, "db" | "config">, influencerId: number, missionIds: number[]): Promise<Map<number, string>> {
  if (!missionIds.length) return new Map();
  const rows = await deps.db.trackingLink.findMany({ where: { influencerId, missionId: { in: missionIds }, participationId: { not: null } }, select: { missionId: true, code: true } });
  return new Map(rows.map((r) => [r.missionId!, trackingUrl(deps, r.code)]));
}

export interface ResolvedVisit {
  location: string;
  /** written after the response: the Click row */
  click: { trackingLinkId: number; clickId: string | null; preview: boolean; visitorHash: string | null; userAgent: string | null; country: string | null; at: Date };
}

export interface Visitor extends RequestTraits {
  ip?: string | undefined;
  country?: string | undefined;
}

const CLICK_ID_BYTES = 16;
const CLICK_IDS_PER_DRAW = 256;
let randomPool = Buffer.alloc(0);
let randomOffset = 0;

/**
 * An opaque, URL-safe click id (22 characters of base64url: 128 random bits). The bytes come from
 * the same CSPRNG, drawn for 256 ids at a time: one call per redirect cost more than the hash.
 */
export function newClickId(): string {
  if (randomOffset + CLICK_ID_BYTES > randomPool.length) {
    randomPool = randomBytes(CLICK_ID_BYTES * CLICK_IDS_PER_DRAW);
    randomOffset = 0;
  }
  const id = randomPool.toString("base64url", randomOffset, randomOffset + CLICK_ID_BYTES);
  randomOffset += CLICK_ID_BYTES;
  return id;
}

/** Each cached link's destination, built on its first visit (keyed by the cached object, so it goes when the link leaves the cache). */
const templates = new WeakMap<CachedLink, { clickParam: string; template: DestinationTemplate | null }>();

function templateOf(link: CachedLink, clickParam: string): DestinationTemplate | null {
  const known = templates.get(link);
  if (known?.clickParam === clickParam) return known.template;
  // A personal link follows the mission's current landing URL (a manager may fix a typo after launch).
  const landing = link.participationId && link.mission?.landingUrl ? link.mission.landingUrl : link.targetUrl;
  const template = destinationTemplate({ landingUrl: landing, clickParam, campaign: link.mission ? missionSlug(link.mission) : "advo", content: link.publicCode ?? "program" });
  templates.set(link, { clickParam, template });
  return template;
}

/** The link behind a code, its mission and its influencer's public code, in one query. */
export async function loadLink(db: Db, code: string): Promise<CachedLink | null> {
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT l."id" AS "id", l."targetUrl" AS "targetUrl", l."participationId" AS "participationId",
           m."id" AS "missionId", m."title" AS "title", m."landingUrl" AS "landingUrl", i."publicCode" AS "publicCode"
    FROM "TrackingLink" l
    LEFT JOIN "Mission" m ON m."id" = l."missionId"
    LEFT JOIN "Influencer" i ON i."id" = l."influencerId"
    WHERE l."code" = ${code}`;
  const r = rows[0];
  if (!r) return null;
  const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    id: Number(r.id), targetUrl: String(r.targetUrl), participationId: r.participationId === null ? null : Number(r.participationId),
    mission: r.missionId === null ? null : { id: Number(r.missionId), title: String(r.title), landingUrl: str(r.landingUrl) },
    publicCode: str(r.publicCode),
  };
}

/** Where a visit goes and what will be recorded; null for an unknown code or a link without a valid target. */
export async function resolveVisit(
  deps: Pick<Deps, "db" | "clock" | "config">, rawCode: string, visitor: Visitor, salt: (day: string) => Promise<string>,
  cache?: LinkCache,
): Promise<ResolvedVisit | null> {
  const code = rawCode.trim().toUpperCase(); // codes are case-insensitive: people retype links
  if (!TRACKING_CODE.test(code)) return null;
  const link = cache ? await cache.get(code, (c) => loadLink(deps.db, c)) : await loadLink(deps.db, code);
  if (!link) return null;
  const template = templateOf(link, deps.config.TRACKING_CLICK_PARAM);
  if (!template) return null;
  const preview = isPreviewRequest(visitor);
  const clickId = preview ? null : newClickId();
  const location = clickId ? template.withClick(clickId) : template.preview;
  const now = deps.clock.now();
  const day = now.toISOString().slice(0, 10);
  // Same visitor, same day, same link → same hash; the salt changes every day and the address is never stored.
  const visitorHash = !preview && visitor.ip ? createHash("sha256").update(`${await salt(day)}|${visitor.ip}|${visitor.userAgent ?? ""}|${link.id}`).digest("base64url").slice(0, 32) : null;
  return {
    location,
    click: { trackingLinkId: link.id, clickId, preview, visitorHash, userAgent: visitor.userAgent?.slice(0, 200) ?? null, country: normalizeCountry(visitor.country), at: now },
  };
}

function normalizeCountry(v: string | undefined): string | null {
  const c = v?.trim().toUpperCase();
  return c && /^[A-Z]{2}$/.test(c) && c !== "XX" ? c : null;
}

/**
 * The day's salt, shared by every instance through the database and forgotten the next day
 * (older salts are deleted), so yesterday's hashes cannot be matched with today's.
 */
export function dailySalt(db: Db): (day: string) => Promise<string> {
  let cached: { day: string; salt: string } | undefined;
  return async (day) => {
    if (cached?.day === day) return cached.salt;
    const key = `tracking.salt:${day}`;
    try {
      await db.programSetting.create({ data: { key, value: randomBytes(24).toString("base64url") } });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
    const row = await db.programSetting.findUniqueOrThrow({ where: { key } });
    await db.programSetting.deleteMany({ where: { key: { startsWith: "tracking.salt:", lt: key } } });
    cached = { day, salt: String(row.value) };
    return cached.salt;
  };
}

/** Clicks per mission (previews excluded), in two grouped queries. */
export async function clicksByMission(deps: Pick<Deps, "db">, missionIds: number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (!missionIds.length) return out;
  // One grouped join: a mission has a link per participant, too many to pass back as parameters.
  const list = missionIds.map((id) => Math.trunc(id)).join(", ");
  const rows = await deps.db.$queryRawUnsafe<{ missionId: number | bigint; clicks: number | bigint }[]>(
    `SELECT t."missionId" AS "missionId", COUNT(*) AS "clicks"
     FROM "Click" c JOIN "TrackingLink" t ON t."id" = c."trackingLinkId"
     WHERE t."missionId" IN (${list}) AND c."preview" = FALSE
     GROUP BY t."missionId"`,
  );
  for (const r of rows) out.set(Number(r.missionId), Number(r.clicks));
  return out;
}
