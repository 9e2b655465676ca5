// capturingLogger (test/helpers/log.ts) plus a look-up by message, so a test can assert what was
// logged for a fault (its error code, a warning rather than an error).
import type { Logger } from "../../src/logger.js";
import { capturingLogger } from "./log.js";

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export function captureLog(level = "info"): { log: Logger; lines: LogLine[]; find(msg: string | RegExp): LogLine[] } {
  const captured = capturingLogger(level);
  const lines = captured.lines as LogLine[];
  return { log: captured.log, lines, find: (msg) => lines.filter((l) => (typeof msg === "string" ? l.msg.includes(msg) : msg.test(l.msg))) };
}
