// A real pino logger whose JSON lines are kept, so a test can assert what was logged (the error
// code of a fault, a warning instead of an error).
import { Writable } from "node:stream";
import { createLogger, type Logger } from "../../src/logger.js";

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export function captureLog(level = "info"): { log: Logger; lines: LogLine[]; find(msg: string | RegExp): LogLine[] } {
  const lines: LogLine[] = [];
  const log = createLogger(level, new Writable({ write: (c, _e, cb) => (lines.push(JSON.parse(String(c)) as LogLine), cb()) }));
  return { log, lines, find: (msg) => lines.filter((l) => (typeof msg === "string" ? l.msg.includes(msg) : msg.test(l.msg))) };
}
