// A manager's look at one person (issue 15): find them by name, @handle or #id, and read their
// profile card — display name and handles, status, balance, tier, last submissions — with a fixed
// number of capped reads. An erased person's card says so and carries none of their data. Also
// the two actions the card offers besides a points adjustment: pause/resume and a message from
// the team, both told to the person through the outbox in their language.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { localized } from "../domain/tiers.js";
import type { Locale } from "../config.js";
import { err, ok, type Result } from "../result.js";
import { audit } from "./audit.js";
import { clientProvider } from "./bulk-insert.js";
import type { Deps } from "./deps.js";
import { currentCycle, cycleBalance } from "./ledger.js";
import { requireManager, type Actor } from "./managers.js";
import { tellInfluencer } from "./outcome-notices.js";
import { tierOf } from "./tiers.js";
import { referralSummary } from "./referrals-figures.js";

export interface PersonRef {
  id: number;
  name: string | null;
  /** first registered handle, `network:handle` order */
  handle: { network: string; handle: string } | null;
  erased: boolean;
}

export type InfluencerCard =
  | { erased: true; id: number }
  | {
    erased: false;
    id: number;
    name: string | null;
    status: string;
    messagesPaused: boolean;
    handles: { network: string; handle: string }[];
    accounts: { platform: string; username: string | null }[];
    balance: number;
    cycleName: string;
    tier: string | null;
    /** who brought them (not erased), and how many joined with their own link (issue 21) */
    referral: { referredBy: { id: number; name: string | null } | null; referredCount: number };
    submissions: { id: number; missionTitle: string; status: string; url: string; createdAt: Date }[];
  };

const MAX_MATCHES = 8;

/** The dashboard page of a person (src/web: /dashboard/influencers/:id), from PUBLIC_URL. */
export function profileUrl(config: Pick<Deps["config"], "PUBLIC_URL">, id: number): string {
  return `${config.PUBLIC_URL.replace(/\/$/, "")}/dashboard/influencers/${id}`;
}

/** "Ana (@ana_ig)": display name and first handle; `#id` when they gave no name. */
export function personLabel(p: { id: number; name: string | null; handle?: string | null }): string {
  const name = p.name ?? `#${p.id}`;
  return p.handle ? `${name} (@${p.handle})` : name;
}

/** People matching `#12` / `12` (id), `@handle` (any network) or a display name (exact first, then containing). */
export async function findInfluencers(deps: Deps, actor: Actor, query: string): Promise<Result<PersonRef[]>> {
  const refused = await requireManager(deps, actor, "influencer");
  if (refused) return refused;
  const q = query.trim();
  if (!q) return err("console.influencer.usage");
  const select = { id: true, displayName: true, deletedAt: true, handles: { select: { network: true, handle: true }, orderBy: { id: "asc" as const }, take: 1 } };
  const idMatch = /^#?(\d{1,9})$/.exec(q);
  let rows;
  if (idMatch) rows = await deps.db.influencer.findMany({ where: { id: Number(idMatch[1]) }, select });
  else if (q.startsWith("@")) {
    const handle = q.slice(1).toLowerCase();
    rows = await deps.db.influencer.findMany({ where: { deletedAt: null, handles: { some: { handle } } }, select, take: MAX_MATCHES });
  } else {
    // case-insensitive where the database can (PostgreSQL); SQLite's LIKE is already case-insensitive for ASCII
    const insensitive = clientProvider(deps.db) === "postgresql" ? { mode: "insensitive" as const } : {};
    const exact = await deps.db.influencer.findMany({ where: { deletedAt: null, displayName: { equals: q, ...insensitive } }, select, take: MAX_MATCHES });
    rows = exact.length ? exact : await deps.db.influencer.findMany({ where: { deletedAt: null, displayName: { contains: q, ...insensitive } }, select, orderBy: { id: "asc" }, take: MAX_MATCHES });
  }
  return ok(rows.map((r) => ({ id: r.id, name: r.deletedAt ? null : r.displayName, handle: r.deletedAt ? null : (r.handles[0] ?? null), erased: r.deletedAt !== null })));
}

export async function influencerCard(deps: Deps, actor: Actor, id: number, locale: Locale): Promise<Result<InfluencerCard>> {
  const refused = await requireManager(deps, actor, "influencer", { type: "influencer", id });
  if (refused) return refused;
  const person = await deps.db.influencer.findUnique({
    where: { id },
    include: { handles: { select: { network: true, handle: true }, orderBy: { id: "asc" }, take: 20 }, accounts: { select: { platform: true, username: true }, take: 10 } },
  });
  if (!person) return err("manage.influencer.not_found", { id });
  if (person.deletedAt) return ok({ erased: true, id });
  const cycle = await currentCycle(deps.db, deps.clock);
  const [balance, tier, referral, submissions] = await Promise.all([
    cycleBalance(deps.db, id, cycle.id),
    tierOf(deps, id, cycle),
    referralSummary(deps.db, id),
    deps.db.submission.findMany({ where: { influencerId: id }, orderBy: { id: "desc" }, take: 5, select: { id: true, status: true, url: true, createdAt: true, mission: { select: { title: true } } } }),
  ]);
  return ok({
    erased: false, id, name: person.displayName, status: person.status, messagesPaused: person.messagesPaused,
    handles: person.handles, accounts: person.accounts, balance, cycleName: cycle.name,
    tier: tier.current ? localized(tier.current.names, locale) : null,
    referral,
    submissions: submissions.map((s) => ({ id: s.id, missionTitle: s.mission.title, status: s.status, url: s.url, createdAt: s.createdAt })),
  });
}

/** Pauses an active person (no mission offers nor broadcasts) or resumes a paused one; they are told. */
export async function setInfluencerPaused(deps: Deps, actor: Actor, id: number, paused: boolean): Promise<Result<{ id: number; status: string }>> {
  const refused = await requireManager(deps, actor, "influencer.pause", { type: "influencer", id });
  if (refused) return refused;
  const from = paused ? "active" : "paused";
  const to = paused ? "paused" : "active";
  const changed = await deps.db.influencer.updateMany({ where: { id, status: from, deletedAt: null }, data: { status: to } });
  const person = await deps.db.influencer.findUnique({ where: { id }, select: { status: true, deletedAt: true } });
  if (!person) return err("manage.influencer.not_found", { id });
  if (person.deletedAt) return err("manage.points.erased", { id });
  if (!changed.count) return err("console.influencer.status_unchanged", { id, status: person.status });
  await audit(deps.db, { actor, action: "influencer.pause", targetType: "influencer", targetId: id, before: { status: from }, after: { status: to } });
  await tellInfluencer(deps, { influencerId: id, purpose: `influencer.${to}`, dedupeKey: `influencer:${id}:${to}:${deps.clock.now().getTime()}`, messageId: paused ? "console.told.paused" : "console.told.resumed", params: {} });
  return ok({ id, status: to });
}

const messageSchema = z.string().trim().min(1).max(2000);

/** A message from the team to one person, in their DM, under a header in their language. */
export async function messageInfluencer(deps: Deps, actor: Actor, id: number, text: string, requestId?: string): Promise<Result<{ queued: boolean }>> {
  const refused = await requireManager(deps, actor, "influencer.message", { type: "influencer", id });
  if (refused) return refused;
  const parsed = messageSchema.safeParse(text);
  if (!parsed.success) return err("console.message.required");
  const person = await deps.db.influencer.findUnique({ where: { id }, select: { deletedAt: true } });
  if (!person) return err("manage.influencer.not_found", { id });
  if (person.deletedAt) return err("manage.points.erased", { id });
  const queued = await tellInfluencer(deps, { influencerId: id, purpose: "influencer.message", dedupeKey: `influencer:${id}:message:${requestId ?? randomUUID()}`, messageId: "console.told.message", params: { text: parsed.data } });
  await audit(deps.db, { actor, action: "influencer.message", targetType: "influencer", targetId: id, after: { length: parsed.data.length, queued: queued > 0 } });
  if (!queued) return err("console.message.unreachable", { id });
  return ok({ queued: true });
}
