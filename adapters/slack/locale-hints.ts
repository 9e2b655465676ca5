// Slack puts no locale or time zone on events; users.info with include_locale has both (`locale`,
// `tz`). One call per user per process (cached, bounded), so the hint is cheap; failures mean
// "no hint", never an error.
import type { WebClient } from "@slack/web-api";

export class LocaleHints {
  private readonly cache = new Map<string, { locale?: string; timeZone?: string }>();

  constructor(
    private readonly client: WebClient,
    private readonly max = 10_000,
  ) {}

  async get(userId: string): Promise<string | undefined> {
    return (await this.hints(userId)).locale;
  }

  /** Locale and IANA time zone, each only when Slack tells. */
  async hints(userId: string): Promise<{ locale?: string; timeZone?: string }> {
    const cached = this.cache.get(userId);
    if (cached) return cached;
    const found: { locale?: string; timeZone?: string } = {};
    try {
      const r = await this.client.users.info({ user: userId, include_locale: true });
      if (typeof r.user?.locale === "string" && r.user.locale) found.locale = r.user.locale;
      if (typeof r.user?.tz === "string" && r.user.tz) found.timeZone = r.user.tz;
    } catch {
      // no hint
    }
    if (this.cache.size >= this.max) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(userId, found);
    return found;
  }
}
