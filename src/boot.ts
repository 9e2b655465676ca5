// Shared start-up for every entry point (bot, console, CLI, job runner): .env, config, logger.
// A bad configuration prints the list of bad variables and exits 1 — never a stack trace.
import { ConfigError, parseConfig, type AppConfig } from "./config.js";
import { loadEnvFile } from "./env.js";
import { createLogger, type Logger } from "./logger.js";

export function boot(overrides: Record<string, string> = {}): { config: AppConfig; log: Logger } {
  loadEnvFile();
  try {
    const config = parseConfig({ ...process.env, ...overrides });
    return { config, log: createLogger(config.LOG_LEVEL) };
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`Advo cannot start: ${err.message}\nSee .env.example for every variable.\n`);
      process.exit(1);
    }
    throw err;
  }
}
