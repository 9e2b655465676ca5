// Who may run the program. A manager is listed in MANAGERS (platform:userId) or has a Manager row
// (the Slack adapter syncs the members of SLACK_MANAGER_CHANNEL through syncChannelManagers).
// Every manager service calls requireManager FIRST: the role is checked in the service layer,
// not only in the UI, and a refusal is itself audited.
import type { Platform } from "../engine/events.js";
import { isRole, roleAllows, type Role } from "../domain/roles.js";
import { err, type Err } from "../result.js";
import { audit } from "./audit.js";
import { isUniqueViolation, type Deps } from "./deps.js";

/** "operator" (the CLI, always allowed), "system" (jobs) or "platform:userId". */
export type Actor = string;
export const OPERATOR: Actor = "operator";
export const SYSTEM: Actor = "system";

export function userActor(platform: Platform, userId: string): Actor {
  return `${platform}:${userId}`;
}

/**
 * The actor's role, or null for someone who is not a manager. The CLI operator, jobs and the
 * MANAGERS list are admins; a Manager row carries its role, and "manager" (a row synced from the
 * Slack manager channel) takes the program's default role (MANAGER_DEFAULT_ROLE).
 */
export async function managerRole(deps: Pick<Deps, "db" | "config">, actor: Actor): Promise<Role | null> {
  if (actor === OPERATOR || actor === SYSTEM || deps.config.MANAGERS.includes(actor)) return "admin";
  const i = actor.indexOf(":");
  if (i <= 0) return null;
  const row = await deps.db.manager.findUnique({ where: { platform_externalId: { platform: actor.slice(0, i), externalId: actor.slice(i + 1) } }, select: { role: true } });
  if (!row) return null;
  return isRole(row.role) ? row.role : deps.config.MANAGER_DEFAULT_ROLE;
}

export async function isManager(deps: Pick<Deps, "db" | "config">, platform: Platform, userId: string): Promise<boolean> {
  return (await managerRole(deps, userActor(platform, userId))) !== null;
}

export async function actorIsManager(deps: Pick<Deps, "db" | "config">, actor: Actor): Promise<boolean> {
  return (await managerRole(deps, actor)) !== null;
}

/**
 * undefined when the actor may act; otherwise a refusal Result — manage.refused for someone who
 * is not a manager, manage.refused_role (naming what their role can do) for a role that may not
 * do this action — after writing an audit entry with outcome "refused".
 */
export async function requireManager(
  deps: Pick<Deps, "db" | "config">,
  actor: Actor,
  action: string,
  target?: { type: string; id?: string | number },
): Promise<Err | undefined> {
  const role = await managerRole(deps, actor);
  if (role && roleAllows(role, action)) return undefined;
  await audit(deps.db, { actor, action, outcome: "refused", ...(target ? { targetType: target.type, ...(target.id === undefined ? {} : { targetId: target.id }) } : {}), ...(role ? { after: { role } } : {}) });
  return role ? err("manage.refused_role", { role }) : err("manage.refused");
}

/**
 * Makes the Manager rows of `platform` (role "manager") exactly the given user ids — the Slack
 * adapter calls it with the members of the manager channel. Rows with role "admin" are kept.
 */
export async function syncChannelManagers(deps: Deps, platform: Platform, userIds: string[]): Promise<{ added: number; removed: number }> {
  const wanted = new Set(userIds.filter(Boolean));
  const existing = await deps.db.manager.findMany({ where: { platform }, select: { externalId: true, role: true } });
  const have = new Set(existing.map((m) => m.externalId));
  const toRemove = existing.filter((m) => m.role === "manager" && !wanted.has(m.externalId)).map((m) => m.externalId);
  const toAdd = [...wanted].filter((id) => !have.has(id));
  if (toRemove.length) await deps.db.manager.deleteMany({ where: { platform, role: "manager", externalId: { in: toRemove } } });
  let added = 0;
  for (const externalId of toAdd) {
    try {
      await deps.db.manager.create({ data: { platform, externalId } });
      added++;
    } catch (e) {
      if (!isUniqueViolation(e)) throw e; // another instance synced it first
    }
  }
  if (added || toRemove.length)
    await audit(deps.db, { actor: SYSTEM, action: "managers.sync", targetType: "platform", targetId: platform, after: { added: toAdd, removed: toRemove } });
  return { added, removed: toRemove.length };
}
