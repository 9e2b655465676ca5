// The metrics hooks instrumented code calls (deps.metrics?.…) and the small wrappers that observe a
// boundary without touching the code behind it. No prom-client here: importing this costs nothing
// (CLI start-up); the Prometheus side is src/metrics.ts.
import type { InboundEvent } from "./engine/events.js";
import type { MessageSender, SendResult } from "./delivery/port.js";
import type { PostChecker } from "./jobs/post-checker.js";
import { databaseErrorCode } from "./db/errors.js";

export type SendOutcome = "sent" | "retried" | "rate_limited" | "failed" | "unreachable";
export type VerificationOutcome = "verified" | "needs_review" | "rejected" | "retry" | "error";

/** What instrumented code calls. Every method is cheap and never throws. */
export interface MetricsHooks {
  inbound(platform: string, kind: string): void;
  engineDuration(platform: string, seconds: number, outcome: "ok" | "error"): void;
  outboxSend(platform: string, outcome: SendOutcome): void;
  jobRun(job: string, outcome: "ok" | "failed" | "skipped", seconds?: number): void;
  verification(outcome: VerificationOutcome): void;
  click(): void;
  conversion(attribution: string): void;
  /** an error that reached the engine's error boundary, by its AppError code ("internal" otherwise) */
  engineError(platform: string, code: string): void;
  /** a send the platform refused or never answered, on a direct reply or an outbox send, by the platform's error code */
  platformError(platform: string, path: "reply" | "outbox", code: string): void;
  /** a database error that reached a boundary (engine, outbox loop, job, http, metrics scrape), by the database's own code */
  databaseError(component: DatabaseComponent, code: string): void;
}

export type DatabaseComponent = "engine" | "outbox" | "job" | "http" | "metrics";

/**
 * Counts `err` when it is a database error (SQLITE_FULL, DatabaseNotReachable, a SQLSTATE …) and
 * returns its code for the log line; undefined for any other error.
 */
export function countDatabaseError(metrics: MetricsHooks | undefined, component: DatabaseComponent, err: unknown): string | undefined {
  const code = databaseErrorCode(err) ?? databaseErrorCode((err as { cause?: unknown } | undefined)?.cause);
  if (code) metrics?.databaseError(component, code);
  return code;
}

/** A platform error code as a metric label: short codes pass, anything else is "other" (bounded label set). */
export function errorCodeLabel(code: string | undefined): string {
  if (!code) return "unknown";
  return /^[A-Za-z0-9_]{1,40}$/.test(code) ? code : "other";
}

/** Counts a failed send (retry or failed) under its code; sent and unreachable are not platform faults. */
export function countSendFault(metrics: MetricsHooks | undefined, platform: string, path: "reply" | "outbox", result: SendResult): void {
  if (!metrics || (result.status !== "retry" && result.status !== "failed")) return;
  metrics.platformError(platform, path, errorCodeLabel(result.code ?? (result.status === "retry" && result.rateLimited ? "429" : undefined)));
}

/** Seconds since `start` (a process.hrtime.bigint() reading). */
export function secondsSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Counts inbound events and times the engine around any event handler. */
export function observeHandler<T>(handle: (event: InboundEvent) => Promise<T>, metrics: MetricsHooks | undefined): (event: InboundEvent) => Promise<T> {
  if (!metrics) return handle;
  return async (event) => {
    metrics.inbound(event.platform, event.payload.type);
    const start = process.hrtime.bigint();
    try {
      const out = await handle(event);
      metrics.engineDuration(event.platform, secondsSince(start), "ok");
      return out;
    } catch (err) {
      metrics.engineDuration(event.platform, secondsSince(start), "error");
      throw err;
    }
  };
}

/** A MessageSender that counts every send attempt's outcome (the dispatcher sees no difference). */
export function observeSender(sender: MessageSender, metrics: MetricsHooks | undefined): MessageSender {
  if (!metrics) return sender;
  const observed = async (call: () => Promise<SendResult>): Promise<SendResult> => {
    let result: SendResult;
    try {
      result = await call();
    } catch (err) {
      metrics.outboxSend(sender.platform, "retried");
      metrics.platformError(sender.platform, "outbox", "exception");
      throw err;
    }
    metrics.outboxSend(sender.platform, sendOutcome(result));
    countSendFault(metrics, sender.platform, "outbox", result);
    return result;
  };
  return {
    platform: sender.platform,
    send: (recipient, message) => observed(() => sender.send(recipient, message)),
    // Kept only when the platform has it: the dispatcher tells "cannot edit" by its absence.
    ...(sender.editMessage ? { editMessage: (recipient: string, id: string, message: Parameters<MessageSender["send"]>[1]) => observed(() => sender.editMessage!(recipient, id, message)) } : {}),
  };
}

function sendOutcome(result: SendResult): SendOutcome {
  switch (result.status) {
    case "sent":
      return "sent";
    case "retry":
      return result.rateLimited || !result.error ? "rate_limited" : "retried";
    case "unreachable":
      return "unreachable";
    case "failed":
      return "failed";
  }
}

/** Counts every verification result of a post checker. */
export function observeChecker(checker: PostChecker, metrics: MetricsHooks | undefined): PostChecker {
  if (!metrics) return checker;
  return {
    async verify(submission) {
      try {
        const outcome = await checker.verify(submission);
        metrics.verification(outcome.decision);
        return outcome;
      } catch (err) {
        metrics.verification("error");
        throw err;
      }
    },
    isLive: (submission) => checker.isLive(submission),
    ...(checker.engagement ? { engagement: checker.engagement } : {}),
  };
}
