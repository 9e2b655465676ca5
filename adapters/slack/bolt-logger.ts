// Bolt and the Web API log through this adapter into Advo's pino logger (Bolt's default logger
// writes to the console and would print request bodies at debug level).
import { LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { Logger } from "../../src/logger.js";

export function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ component: "slack" });
  const text = (msg: unknown[]) => msg.map((m) => (m instanceof Error ? m.message : typeof m === "string" ? m : JSON.stringify(m))).join(" ");
  return {
    debug: (...msg: unknown[]) => child.debug(text(msg)),
    info: (...msg: unknown[]) => child.info(text(msg)),
    warn: (...msg: unknown[]) => child.warn(text(msg)),
    error: (...msg: unknown[]) => child.error(text(msg)),
    // Levels are Advo's (LOG_LEVEL); Bolt may ask but cannot change them.
    setLevel: () => {},
    getLevel: () => (child.isLevelEnabled("debug") ? LogLevel.DEBUG : LogLevel.INFO),
    setName: () => {},
  };
}
