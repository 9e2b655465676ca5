// Structured logging (pino). Secrets never reach the log: known secret fields are redacted and
// URLs with credentials are masked by maskUrl() before they are logged.
import { pino, type Logger } from "pino";

export type { Logger };

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: "advo" },
      redact: {
        paths: [
          "token", "*.token", "secret", "*.secret", "password", "*.password",
          "authorization", "*.authorization", "headers.authorization", "*.headers.authorization",
          "config.TELEGRAM_BOT_TOKEN", "config.DISCORD_BOT_TOKEN", "config.SLACK_BOT_TOKEN",
          "config.SLACK_SIGNING_SECRET", "config.SLACK_APP_TOKEN", "config.TELEGRAM_WEBHOOK_SECRET",
          "config.DATABASE_URL",
        ],
        censor: "[redacted]",
      },
    },
    destination,
  );
}

/** postgres://user:pass@host/db → postgres://user:***@host/db */
export function maskUrl(url: string): string {
  if (!url.includes("://")) return url;
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return url;
  }
}

export const silentLogger: Logger = pino({ level: "silent" });
