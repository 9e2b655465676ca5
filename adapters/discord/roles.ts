// The optional program role (DISCORD_MEMBER_ROLE_ID in DISCORD_GUILD_ID) for active influencers.
// The engine knows nothing about roles, so the adapter looks after every handled event whether the
// author's influencer is active now (one indexed read) and adds the role once; users who already
// got it in this process are skipped without a query. Granting is idempotent on Discord's side,
// so a restart re-granting once per user is harmless.
import { Routes, type REST } from "discord.js";
import type { Db } from "../../src/db/client.js";
import type { Logger } from "../../src/logger.js";
import { BoundedLru } from "../../src/bounded-lru.js";

export interface RoleGranterDeps {
  rest: REST;
  db: Db;
  log: Logger;
  guildId: string | undefined;
  roleId: string | undefined;
  /** how many granted users to remember in memory (a forgotten one costs one read); default 10,000 */
  grantedMax?: number;
}

export class RoleGranter {
  /** users granted (or being granted) by this process: concurrent events grant once */
  readonly granted: BoundedLru<string, true>;

  constructor(private readonly deps: RoleGranterDeps) {
    this.granted = new BoundedLru(deps.grantedMax ?? 10_000);
  }

  get enabled(): boolean {
    return !!(this.deps.guildId && this.deps.roleId);
  }

  /** Grants the role when the user's influencer is active; returns whether it was granted now. */
  async grantIfActive(userId: string): Promise<boolean> {
    if (!this.enabled || this.granted.has(userId)) return false;
    this.granted.set(userId, true);
    const account = await this.deps.db.platformAccount.findUnique({
      where: { platform_externalId: { platform: "discord", externalId: userId } },
      select: { influencer: { select: { status: true } } },
    });
    if (account?.influencer.status !== "active") {
      this.granted.delete(userId);
      return false;
    }
    return this.grant(userId);
  }

  /** PUT /guilds/:guild/members/:user/roles/:role. False (logged) when Discord refuses. */
  async grant(userId: string): Promise<boolean> {
    const { guildId, roleId } = this.deps;
    if (!guildId || !roleId) return false;
    try {
      await this.deps.rest.put(Routes.guildMemberRole(guildId, userId, roleId), { reason: "Advo: active influencer" });
      this.granted.set(userId, true);
      this.deps.log.info({ user: userId }, "discord member role granted");
      return true;
    } catch (err) {
      // Not a member of the guild (10007), or the bot's role is below the program role (50013).
      this.granted.set(userId, true);
      this.deps.log.warn({ err, user: userId }, "discord member role not granted");
      return false;
    }
  }
}
