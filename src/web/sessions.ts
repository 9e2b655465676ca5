// Dashboard sign-in links and sessions (issue 14). Tokens are random 32-byte values; the database
// keeps only their SHA-256, so a leaked table cannot sign anyone in. A link is spent by the POST
// behind its "Sign in" button (atomic updateMany on usedAt: two concurrent POSTs spend it once).
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { audit } from "../services/audit.js";
import type { Deps } from "../services/deps.js";
import type { Role } from "../domain/roles.js";
import { actorIsManager, managerRole, type Actor } from "../services/managers.js";

export const LINK_TTL_MS = 15 * 60_000;
export const SESSION_IDLE_MS = 12 * 60 * 60_000;
export const SESSION_COOKIE = "advo_session";

type SessionDeps = Pick<Deps, "db" | "clock" | "config">;

export interface DashboardSession {
  id: number;
  actor: Actor;
  csrfToken: string;
  /** The manager's role when the session was last found (checked again on every request). */
  role: Role;
}

const newToken = () => randomBytes(32).toString("base64url");
export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** A single-use sign-in URL for `actor`; refused (undefined) when the actor is not a manager. */
export async function createSignInLink(deps: SessionDeps, actor: Actor): Promise<string | undefined> {
  if (!(await actorIsManager(deps, actor))) return undefined;
  const token = newToken();
  await deps.db.dashboardSignInLink.create({ data: { tokenHash: hashToken(token), actor, expiresAt: new Date(deps.clock.now().getTime() + LINK_TTL_MS) } });
  await audit(deps.db, { actor, action: "dashboard.link", targetType: "dashboard" });
  return `${deps.config.PUBLIC_URL.replace(/\/$/, "")}/dashboard/signin/${token}`;
}

/** Whether the link can still be spent (for the GET page; does not spend it). */
export async function signInLinkUsable(deps: SessionDeps, token: string): Promise<boolean> {
  const row = await deps.db.dashboardSignInLink.findUnique({ where: { tokenHash: hashToken(token) } });
  return row !== null && row.usedAt === null && row.expiresAt > deps.clock.now();
}

/** Spends the link and opens a session; returns the cookie value, or undefined when refused. */
export async function redeemSignInLink(deps: SessionDeps, token: string): Promise<{ cookie: string; session: DashboardSession } | undefined> {
  const now = deps.clock.now();
  const tokenHash = hashToken(token);
  const spent = await deps.db.dashboardSignInLink.updateMany({ where: { tokenHash, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  if (spent.count !== 1) return undefined;
  const link = await deps.db.dashboardSignInLink.findUniqueOrThrow({ where: { tokenHash } });
  // The role is checked again: a manager removed since the link was made cannot sign in.
  const role = await managerRole(deps, link.actor);
  if (!role) {
    await audit(deps.db, { actor: link.actor, action: "dashboard.signin", outcome: "refused", targetType: "dashboard" });
    return undefined;
  }
  const cookie = newToken();
  const row = await deps.db.dashboardSession.create({ data: { idHash: hashToken(cookie), actor: link.actor, csrfToken: newToken(), createdAt: now, lastSeenAt: now } });
  await audit(deps.db, { actor: link.actor, action: "dashboard.signin", targetType: "dashboardSession", targetId: row.id });
  return { cookie, session: { id: row.id, actor: row.actor, csrfToken: row.csrfToken, role } };
}

/** The live session behind a cookie (not revoked, seen within 12 h, actor still a manager); touches lastSeenAt. */
export async function findSession(deps: SessionDeps, cookie: string | undefined): Promise<DashboardSession | undefined> {
  if (!cookie) return undefined;
  const now = deps.clock.now();
  const row = await deps.db.dashboardSession.findUnique({ where: { idHash: hashToken(cookie) } });
  if (!row || row.revokedAt || now.getTime() - row.lastSeenAt.getTime() > SESSION_IDLE_MS) return undefined;
  const role = await managerRole(deps, row.actor);
  if (!role) return undefined;
  await deps.db.dashboardSession.update({ where: { id: row.id }, data: { lastSeenAt: now } });
  return { id: row.id, actor: row.actor, csrfToken: row.csrfToken, role };
}

/** Constant-time comparison of a submitted CSRF token with the session's. */
export function csrfMatches(session: DashboardSession, submitted: string | undefined): boolean {
  if (!submitted) return false;
  const a = Buffer.from(session.csrfToken);
  const b = Buffer.from(submitted);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Revokes one session (by id) or all live ones; returns how many were revoked. */
export async function revokeSessions(deps: SessionDeps, actor: Actor, which: { all: true } | { sessionId: number }): Promise<number> {
  const now = deps.clock.now();
  const where = "all" in which ? { revokedAt: null } : { id: which.sessionId, revokedAt: null };
  const r = await deps.db.dashboardSession.updateMany({ where, data: { revokedAt: now } });
  await audit(deps.db, { actor, action: "dashboard.revoke", targetType: "dashboardSession", ...("all" in which ? { targetId: "all" } : { targetId: which.sessionId }), after: { revoked: r.count } });
  return r.count;
}
