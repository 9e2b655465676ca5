// A real pino logger whose lines are kept as objects, to assert what was (not) logged.
import { Writable } from "node:stream";
import { createLogger, type Logger } from "../../src/logger.js";

export interface CapturedLog {
  log: Logger;
  lines: Record<string, unknown>[];
  /** lines at error level or above */
  errors(): Record<string, unknown>[];
}

export function capturingLogger(level = "debug"): CapturedLog {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { log: createLogger(level, sink), lines, errors: () => lines.filter((l) => Number(l.level) >= 50) };
}
