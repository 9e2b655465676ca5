// Failures are errors with a string code and a cause (Bolt style); expected user mistakes are
// Result values instead (see src/engine/result.ts).
import { databaseErrorCode } from "./db/errors.js";

export class AppError extends Error {
  readonly code: string;
  readonly context: Record<string, unknown> | undefined;

  constructor(code: string, message: string, options: { cause?: unknown; context?: Record<string, unknown> } = {}) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.context = options.context;
  }
}

/** An AppError's code; a database error's own code (e.g. SQLITE_FULL, DatabaseNotReachable); else "internal". */
export function errorCode(err: unknown): string {
  if (err instanceof AppError) return err.code;
  return databaseErrorCode(err) ?? databaseErrorCode((err as { cause?: unknown } | undefined)?.cause) ?? "internal";
}
