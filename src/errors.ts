// Failures are errors with a string code and a cause (Bolt style); expected user mistakes are
// Result values instead (see src/engine/result.ts).
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

export function errorCode(err: unknown): string {
  return err instanceof AppError ? err.code : "internal";
}
