// The environment, parsed by zod at boot. Bad values stop the process with a list of every bad
// variable and what it expects (see formatConfigErrors) — never a stack trace.
import { z } from "zod";

const optionalString = z.preprocess((v) => (v === "" ? undefined : v), z.string().optional());
const bool = (fallback: boolean) =>
  z.preprocess(
    (v) => (v === undefined || v === "" ? fallback : v),
    z.union([z.boolean(), z.enum(["true", "false", "1", "0", "yes", "no"]).transform((s) => ["true", "1", "yes"].includes(s))]),
  );
const int = (fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z.preprocess((v) => (v === undefined || v === "" ? fallback : v), z.coerce.number().int().min(min).max(max));
const num = (fallback: number, min = 0) =>
  z.preprocess((v) => (v === undefined || v === "" ? fallback : v), z.coerce.number().min(min));
const withDefault = (fallback: string) => z.preprocess((v) => (v === undefined || v === "" ? fallback : v), z.string().min(1));
const url = (fallback?: string) =>
  z.preprocess(
    (v) => (v === undefined || v === "" ? fallback : v),
    fallback === undefined ? z.url({ protocol: /^https?$/ }).optional() : z.url({ protocol: /^https?$/ }),
  );
const list = z.preprocess(
  (v) => (typeof v === "string" ? v.split(",").map((s) => s.trim()).filter(Boolean) : (v ?? [])),
  z.array(z.string()),
);
const cron = (fallback: string) =>
  withDefault(fallback).refine((s) => /^(\S+\s+){4,5}\S+$/.test(s.trim()), "a cron expression like '*/5 * * * *'");

export const LOCALES = ["en", "es", "fr", "it"] as const;
export type Locale = (typeof LOCALES)[number];

export const configSchema = z
  .object({
    // core
    NODE_ENV: z.preprocess((v) => v || "development", z.enum(["development", "production", "test"])),
    LOG_LEVEL: z.preprocess((v) => v || "info", z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])),
    PORT: int(3000, 0, 65535),
    // SIGTERM/SIGINT: stop() gets this long (intake off, in-flight sends recorded, leases released)
    // before the process exits 1 anyway — under the 10 s orchestrators wait before SIGKILL
    SHUTDOWN_TIMEOUT_MS: int(9000, 500, 120_000),
    // default: http://localhost:<PORT> (filled in after parsing, below)
    PUBLIC_URL: url(),
    BRAND_NAME: withDefault("Advo"),
    DEFAULT_LOCALE: z.preprocess((v) => v || "en", z.enum(LOCALES)),
    DISCLOSURE_TAG: withDefault("#ad"),
    MANAGERS: list.pipe(
      z.array(z.string().regex(/^(telegram|discord|slack|console):.+$/, "platform:userId, e.g. slack:U0123 or telegram:42")),
    ),
    /** the role of a manager synced from SLACK_MANAGER_CHANNEL, until `advo manager set-role` gives another */
    MANAGER_DEFAULT_ROLE: z.preprocess((v) => v || "admin", z.enum(["admin", "reviewer", "viewer"])),
    INSTANCE_ID: optionalString,
    /** when set, GET /metrics needs `Authorization: Bearer <METRICS_TOKEN>` */
    METRICS_TOKEN: optionalString,
    CONSOLE: z.preprocess((v) => v || "auto", z.enum(["auto", "on", "off"])),
    // database
    DATABASE_URL: withDefault("file:./data/advo.db").refine(
      (s) => s.startsWith("file:") || s.startsWith("postgres://") || s.startsWith("postgresql://"),
      "file:<path> for SQLite or postgres://… for PostgreSQL",
    ),
    // telegram
    TELEGRAM_BOT_TOKEN: optionalString,
    TELEGRAM_BOT_USERNAME: optionalString,
    TELEGRAM_API_ROOT: url("https://api.telegram.org"),
    TELEGRAM_MODE: z.preprocess((v) => v || "polling", z.enum(["polling", "webhook"])),
    TELEGRAM_WEBHOOK_URL: url(),
    TELEGRAM_WEBHOOK_SECRET: optionalString.pipe(
      z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, "1–256 characters: letters, digits, _ and -").optional(),
    ),
    TELEGRAM_LEADERBOARD_CHATS: list,
    // discord
    DISCORD_BOT_TOKEN: optionalString,
    DISCORD_APPLICATION_ID: optionalString,
    DISCORD_GUILD_ID: optionalString,
    /** "global" (commands everywhere, DMs included) or "guild" (development: a copy in DISCORD_GUILD_ID) */
    DISCORD_COMMANDS_SCOPE: z.preprocess((v) => v || "global", z.enum(["global", "guild"])),
    DISCORD_ANNOUNCE_CHANNEL_ID: optionalString,
    DISCORD_MEMBER_ROLE_ID: optionalString,
    DISCORD_API_URL: url("https://discord.com/api"),
    // slack
    SLACK_BOT_TOKEN: optionalString,
    SLACK_SIGNING_SECRET: optionalString,
    SLACK_APP_TOKEN: optionalString,
    SLACK_MANAGER_CHANNEL: optionalString,
    SLACK_API_URL: url("https://slack.com/api/"),
    // jobs
    JOBS_ENABLED: bool(true),
    JOBS_TZ: withDefault("UTC"),
    JOB_VERIFY_SUBMISSIONS_CRON: cron("*/5 * * * *"),
    JOB_RECHECK_LIVE_CRON: cron("17 * * * *"),
    JOB_REMINDERS_CRON: cron("*/15 * * * *"),
    JOB_ONBOARDING_DRIP_CRON: cron("*/15 * * * *"),
    JOB_MISSIONS_LIFECYCLE_CRON: cron("* * * * *"),
    JOB_LEADERBOARD_BROADCAST_CRON: cron("0 17 * * 5"),
    JOB_CLOSE_CYCLE_CRON: cron("5 0 * * *"),
    JOB_MANAGER_DIGEST_CRON: cron("0 9 * * 1-5"),
    // after each UTC day (and the 10-minute grace), its clicks are rolled up for the report
    JOB_CLICK_ROLLUP_CRON: cron("15 * * * *"),
    RECHECK_LIVE_DAYS: int(7, 1, 365),
    QUIET_HOURS: withDefault("22-8").refine((s) => /^\d{1,2}-\d{1,2}$/.test(s), "start-end hours, e.g. 22-8"),
    // delivery
    DELIVERY_TELEGRAM_PER_SECOND: num(25, 0.1),
    DELIVERY_TELEGRAM_PER_CHAT_PER_SECOND: num(1, 0.01),
    DELIVERY_DISCORD_PER_SECOND: num(20, 0.1),
    DELIVERY_SLACK_PER_CHANNEL_PER_SECOND: num(1, 0.01),
    DELIVERY_MAX_ATTEMPTS: int(8, 1, 100),
    // lease on claimed outbox rows: a dead instance's rows are taken over this long after its last renewal
    DELIVERY_LEASE_MS: int(5000, 500, 600_000),
    // outbox rows one instance claims at a time: smaller spreads a broadcast over more instances
    DELIVERY_BATCH_SIZE: int(100, 1, 1000),
    // verification
    FETCH_ALLOW_HOSTS: list,
    FETCH_TIMEOUT_MS: int(8000, 100, 120_000),
    FETCH_MAX_BYTES: int(2_000_000, 1024),
    OEMBED_YOUTUBE_URL: url("https://www.youtube.com/oembed"),
    // reach and engagement (issue 13): views, likes and comments of YouTube posts at verification
    // and at the live re-check, from the YouTube Data API v3 when a key is set
    YOUTUBE_API_KEY: optionalString,
    YOUTUBE_API_URL: url("https://www.googleapis.com/youtube/v3"),
    OEMBED_TIKTOK_URL: url("https://www.tiktok.com/oembed"),
    OEMBED_X_URL: url("https://publish.twitter.com/oembed"),
    // measurement (issue 13)
    TRACKING_CLICK_PARAM: withDefault("advo_click").refine((s) => /^[A-Za-z0-9_-]{1,40}$/.test(s), "1–40 letters, digits, _ or -"),
    // proxies in front of the server whose X-Forwarded-For entries are trusted for the visitor's
    // address (the unique-visitor hash): off (default, the header is never read) or 1–10 hops
    TRUST_PROXY: z.preprocess(
      (v) => (v === undefined || v === "" || (typeof v === "string" && /^(off|false|no|0)$/i.test(v.trim())) ? 0 : typeof v === "string" ? Number(v.trim()) : v),
      z.number({ error: "off, or the number of proxies in front of the server (1–10)" }).int("off, or the number of proxies in front of the server (1–10)").min(0).max(10, "off, or the number of proxies in front of the server (1–10)"),
    ),
    TRACKING_COUNTRY_HEADER: optionalString.pipe(z.string().regex(/^[A-Za-z0-9-]{1,60}$/, "a header name, e.g. CF-IPCountry").optional()),
    CONVERSION_SECRET: list,
    SHOPIFY_WEBHOOK_SECRET: list,
    WOOCOMMERCE_WEBHOOK_SECRET: list,
    POINT_VALUE: withDefault("0").refine((s) => /^\d{1,9}(\.\d{1,6})?$/.test(s.trim()), "a decimal like 0.10 (value of one point in PROGRAM_CURRENCY)"),
    PROGRAM_CURRENCY: withDefault("EUR").transform((s) => s.trim().toUpperCase()).refine((s) => /^[A-Z]{3}$/.test(s), "an ISO 4217 code like EUR"),
  })
  .superRefine((c, ctx) => {
    if (c.TELEGRAM_MODE === "webhook" && c.TELEGRAM_BOT_TOKEN) {
      if (!c.TELEGRAM_WEBHOOK_URL) ctx.addIssue({ code: "custom", path: ["TELEGRAM_WEBHOOK_URL"], message: "required when TELEGRAM_MODE=webhook" });
      if (!c.TELEGRAM_WEBHOOK_SECRET) ctx.addIssue({ code: "custom", path: ["TELEGRAM_WEBHOOK_SECRET"], message: "required when TELEGRAM_MODE=webhook" });
    }
    if (c.DISCORD_BOT_TOKEN && !c.DISCORD_APPLICATION_ID)
      ctx.addIssue({ code: "custom", path: ["DISCORD_APPLICATION_ID"], message: "required when DISCORD_BOT_TOKEN is set" });
    if (c.SLACK_BOT_TOKEN && !c.SLACK_APP_TOKEN && !c.SLACK_SIGNING_SECRET)
      ctx.addIssue({ code: "custom", path: ["SLACK_SIGNING_SECRET"], message: "required for HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)" });
  });

/** The parsed environment; PUBLIC_URL is always set (default http://localhost:<PORT>). */
export type AppConfig = z.infer<typeof configSchema> & { PUBLIC_URL: string };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const result = configSchema.safeParse(env);
  if (result.success) return { ...result.data, PUBLIC_URL: result.data.PUBLIC_URL ?? `http://localhost:${result.data.PORT}` };
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const name = issue.path.join(".") || "(environment)";
      const given = typeof issue.path[0] === "string" ? env[issue.path[0]] : undefined;
      return `${name}: ${issue.message}${given !== undefined && !isSecretName(name) ? ` (got "${given}")` : ""}`;
    }),
  );
}

export function isSecretName(name: string): boolean {
  return /TOKEN|SECRET|PASSWORD|DATABASE_URL|API_KEY/i.test(name);
}

export function platformsConfigured(c: AppConfig): string[] {
  const out: string[] = [];
  if (c.TELEGRAM_BOT_TOKEN) out.push("telegram");
  if (c.DISCORD_BOT_TOKEN) out.push("discord");
  if (c.SLACK_BOT_TOKEN) out.push("slack");
  return out;
}

/** For tests and tools: a valid config with overrides. */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return parseConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", JOBS_ENABLED: "false", ...overrides });
}
