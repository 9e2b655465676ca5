// Who may run the program. A manager is listed in MANAGERS (platform:userId) or has a Manager row
// (the Slack adapter syncs the members of SLACK_MANAGER_CHANNEL through syncChannelManagers).
// Every manager service calls requireManager FIRST: the role is checked in the service layer,
// not only in the UI, and a refusal is itself audited.
import type { Platform } from "../engine/events.js";
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

export async function isManager(deps: Pick<Deps, "db" | "config">, platform: Platform, userId: string): Promise<boolean> {
  if (deps.config.MANAGERS.includes(`${platform}:${userId}`)) return true;
  const row = await deps.db.manager.findUnique({ where: { platform_externalId: { platform, externalId: userId } }, select: { id: true } });
  return row !== null;
}

export async function actorIsManager(deps: Pick<Deps, "db" | "config">, actor: Actor): Promise<boolean> {
  if (actor === OPERATOR || actor === SYSTEM) return true;
  const i = actor.indexOf(":");
  if (i <= 0) return false;
  return isManager(deps, actor.slice(0, i) as Platform, actor.slice(i + 1));
}

/**
 * undefined when the actor may act; otherwise a refusal Result (message id manage.refused),
 * after writing an audit entry with outcome "refused".
 */
export async function requireManager(
  deps: Pick<Deps, "db" | "config">,
  actor: Actor,
  action: string,
  target?: { type: string; id?: string | number },
): Promise<Err | undefined> {
  if (await actorIsManager(deps, actor)) return undefined;
  await audit(deps.db, { actor, action, outcome: "refused", ...(target ? { targetType: target.type, ...(target.id === undefined ? {} : { targetId: target.id }) } : {}) });
  return err("manage.refused");
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
