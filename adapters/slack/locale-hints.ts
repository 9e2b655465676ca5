// Slack puts no locale on events; users.info with include_locale has it. One call per user per
// process (cached, bounded), so the hint is cheap; failures mean "no hint", never an error.
import type { WebClient } from "@slack/web-api";

export class LocaleHints {
  private readonly cache = new Map<string, string | undefined>();

  constructor(
    private readonly client: WebClient,
    private readonly max = 10_000,
  ) {}

  async get(userId: string): Promise<string | undefined> {
    if (this.cache.has(userId)) return this.cache.get(userId);
    let locale: string | undefined;
    try {
      const r = await this.client.users.info({ user: userId, include_locale: true });
      locale = typeof r.user?.locale === "string" && r.user.locale ? r.user.locale : undefined;
    } catch {
      locale = undefined;
    }
    if (this.cache.size >= this.max) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(userId, locale);
    return locale;
  }
}
