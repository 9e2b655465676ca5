// The optional program role (DISCORD_MEMBER_ROLE_ID in DISCORD_GUILD_ID) for members: an
// influencer whose status is active. The engine knows nothing about roles, so the adapter reads the
// author's membership before and after each handled event (one indexed read each, only when a role
// is configured): becoming a member grants the role, stopping being one (erasure deletes the
// account) revokes it. When Discord fails transiently the change goes to the outbox (`membership`
// payloads, keyed by the user, the change and the event) and is retried, never lost in memory.
// Users already active before are granted once per process (remembered in a bounded LRU).
import type { Db } from "../../src/db/client.js";
import type { Logger } from "../../src/logger.js";
import type { SendResult } from "../../src/delivery/port.js";
import { enqueue } from "../../src/services/outbox.js";
import { BoundedLru } from "../../src/bounded-map.js";
import { DiscordPaths, resultOf, type DiscordRest } from "./ports.js";

export interface RoleGranterDeps {
  rest: DiscordRest;
  db: Db;
  log: Logger;
  guildId: string | undefined;
  roleId: string | undefined;
  /** how many granted users to remember in memory (a forgotten one costs one read); default 10,000 */
  grantedMax?: number;
}

export type Membership = "grant" | "revoke";

export class RoleGranter {
  /** users granted (or being granted) by this process: concurrent events grant once */
  readonly granted: BoundedLru<string, true>;

  constructor(private readonly deps: RoleGranterDeps) {
    this.granted = new BoundedLru(deps.grantedMax ?? 10_000);
  }

  get enabled(): boolean {
    return !!(this.deps.guildId && this.deps.roleId);
  }

  /** Whether the user is a member now (an active influencer); false when roles are off. */
  async isMember(userId: string): Promise<boolean> {
    if (!this.enabled) return false;
    const account = await this.deps.db.platformAccount.findUnique({
      where: { platform_externalId: { platform: "discord", externalId: userId } },
      select: { influencer: { select: { status: true } } },
    });
    return account?.influencer.status === "active";
  }

  /**
   * After an event: a change of membership is applied now, and queued in the outbox when Discord
   * fails transiently (keyed by the event, so a platform retry of the event queues nothing twice);
   * an active user not granted by this process yet is granted the same way.
   */
  async afterEvent(userId: string, wasMember: boolean, eventId: string): Promise<void> {
    if (!this.enabled) return;
    const isMember = await this.isMember(userId);
    if (wasMember && !isMember) {
      this.granted.delete(userId);
      await this.applyOrQueue(userId, "revoke", eventId);
    } else if (isMember && (!wasMember || !this.granted.has(userId))) {
      this.granted.set(userId, true);
      await this.applyOrQueue(userId, "grant", eventId);
    }
  }

  private async applyOrQueue(userId: string, change: Membership, eventId: string): Promise<void> {
    const result = await this.apply(userId, change);
    if (result.status === "retry") await this.queue(userId, change, eventId);
  }

  /** Grants the role when the user's influencer is active and this process has not yet; returns whether it was granted now. */
  async grantIfActive(userId: string): Promise<boolean> {
    if (!this.enabled || this.granted.has(userId)) return false;
    this.granted.set(userId, true);
    if (!(await this.isMember(userId))) {
      this.granted.delete(userId);
      return false;
    }
    return (await this.apply(userId, "grant")).status === "sent";
  }

  async queue(userId: string, change: Membership, eventId: string): Promise<void> {
    await enqueue(this.deps.db, [
      { platform: "discord", recipient: userId, purpose: `role.${change}`, dedupeKey: `role:discord:${userId}:${change}:${eventId}`, payload: { kind: "membership", change } },
    ]);
  }

  /** PUT or DELETE /guilds/:guild/members/:user/roles/:role, as a send result for the outbox. */
  async apply(userId: string, change: Membership): Promise<SendResult> {
    const { guildId, roleId } = this.deps;
    if (!guildId || !roleId) return { status: "failed", error: "discord: no DISCORD_GUILD_ID / DISCORD_MEMBER_ROLE_ID" };
    const route = DiscordPaths.guildMemberRole(guildId, userId, roleId);
    try {
      if (change === "grant") await this.deps.rest.put(route, { reason: "Advo: active influencer" });
      else await this.deps.rest.delete(route, { reason: "Advo: no longer in the program" });
      this.deps.log.info({ user: userId, change }, "discord member role changed");
      return { status: "sent" };
    } catch (err) {
      // Not a member of the guild (10007), or the bot's role is below the program role (50013):
      // failed, not retried; 429, 5xx and timeouts: retried by the outbox.
      const result = resultOf(err);
      this.deps.log.warn({ user: userId, change, code: "code" in result ? result.code : undefined }, "discord member role not changed");
      return result.status === "unreachable" ? { status: "failed", error: result.reason } : result;
    }
  }
}
