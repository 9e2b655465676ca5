// Managers are the members of the manager channel. The member list is read from Slack
// (conversations.members, paginated) at start and whenever someone joins or leaves the channel,
// and handed to the management service, which makes the Manager rows match it.
import type { WebClient } from "@slack/web-api";
import type { Logger } from "../../src/logger.js";

export class ManagerChannelSync {
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly client: WebClient,
    private readonly channel: string,
    private readonly apply: (userIds: string[]) => Promise<unknown>,
    private readonly log: Logger,
  ) {}

  watches(channel: string): boolean {
    return channel === this.channel;
  }

  async members(): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.client.conversations.members({ channel: this.channel, limit: 1000, ...(cursor ? { cursor } : {}) });
      ids.push(...(page.members ?? []));
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return ids;
  }

  /** Re-reads the member list and applies it; joins arriving during a sync trigger one more. */
  sync(botUserId: string | undefined): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          const ids = (await this.members()).filter((id) => id !== botUserId);
          const result = await this.apply(ids);
          this.log.info({ channel: this.channel, members: ids.length, result }, "slack: managers synced from the manager channel");
        } while (this.again);
      } catch (err) {
        this.log.error({ err, channel: this.channel }, "slack: manager channel sync failed");
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }
}
