// Prometheus metrics (prom-client). One Registry per app (never prom-client's global one: several
// apps in one test process must not share or double-register counters).
//
// Counters and histograms count what THIS instance did since it started; the outbox gauges are read
// from the database at scrape time and are the same on every instance (global). Scrape every
// instance directly, and sum counters across instances, never the gauges.
//
// Instrumented code sees only the small MetricsHooks interface of src/metrics-hooks.ts
// (deps.metrics?.…): one call at each boundary, no prom-client import outside this file.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Db } from "./db/client.js";
import { countDatabaseError, type DatabaseComponent, type MetricsHooks, type SendOutcome, type VerificationOutcome } from "./metrics-hooks.js";

export interface MetricsOptions {
  /** read at scrape time for the outbox backlog gauge */
  db?: Db;
  /** process CPU, memory, event loop lag, GC (prom-client defaults); default true */
  processMetrics?: boolean;
}

export const OUTBOX_STATUSES = ["queued", "sending", "sent", "failed", "unreachable", "cancelled"] as const;

export class Metrics implements MetricsHooks {
  readonly registry = new Registry();
  private readonly inboundTotal: Counter<"platform" | "kind">;
  private readonly engineSeconds: Histogram<"platform" | "outcome">;
  private readonly outboxSends: Counter<"platform" | "outcome">;
  private readonly jobRuns: Counter<"job" | "outcome">;
  private readonly jobSeconds: Histogram<"job">;
  private readonly verifications: Counter<"outcome">;
  private readonly clicks: Counter;
  private readonly conversions: Counter<"attribution">;
  private readonly engineErrors: Counter<"platform" | "code">;
  private readonly platformErrors: Counter<"platform" | "path" | "code">;
  private readonly databaseErrors: Counter<"component" | "code">;
  private beforeScrape: () => Promise<void> = async () => {};

  constructor(options: MetricsOptions = {}) {
    const registers = [this.registry];
    this.inboundTotal = new Counter({ name: "advo_inbound_events_total", help: "Inbound events handed to the engine, by platform and kind (text, command, action, form)", labelNames: ["platform", "kind"], registers });
    this.engineSeconds = new Histogram({
      name: "advo_engine_duration_seconds",
      help: "Time the engine took to answer one inbound event",
      labelNames: ["platform", "outcome"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.outboxSends = new Counter({ name: "advo_outbox_sends_total", help: "Outbox send attempts by platform and outcome (sent, retried, rate_limited = the platform answered 429, failed, unreachable)", labelNames: ["platform", "outcome"], registers });
    this.jobRuns = new Counter({ name: "advo_job_runs_total", help: "Job slots by job and outcome (ok, failed, skipped)", labelNames: ["job", "outcome"], registers });
    this.jobSeconds = new Histogram({ name: "advo_job_duration_seconds", help: "Duration of job runs", labelNames: ["job"], buckets: [0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900], registers });
    this.verifications = new Counter({ name: "advo_verifications_total", help: "Post verification results by outcome", labelNames: ["outcome"], registers });
    this.clicks = new Counter({ name: "advo_clicks_total", help: "Tracking-link visits redirected", registers });
    this.conversions = new Counter({ name: "advo_conversions_total", help: "Conversions recorded, by attribution", labelNames: ["attribution"], registers });
    // Codes are fixed strings in code (AppError), never user input, so the label set stays small.
    this.engineErrors = new Counter({ name: "advo_engine_errors_total", help: "Errors that reached the engine's error boundary, by platform and error code (internal = not an AppError)", labelNames: ["platform", "code"], registers });
    // Codes come from the platform's fixed vocabulary (HTTP status, Slack error, Discord code, socket code), filtered by errorCodeLabel.
    this.platformErrors = new Counter({ name: "advo_platform_errors_total", help: "Sends a platform refused or never answered (429, 5xx, timeouts, network), by platform, path (reply = direct reply, outbox) and the platform's error code", labelNames: ["platform", "path", "code"], registers });
    // Codes come from databaseErrorCode (driver codes, adapter kinds, Prisma P-codes): a short, fixed vocabulary.
    this.databaseErrors = new Counter({ name: "advo_database_errors_total", help: "Database errors that reached a boundary (engine, outbox, job, http, metrics), by component and the database's own code (SQLITE_FULL, DatabaseNotReachable, 57P01, P1017 …)", labelNames: ["component", "code"], registers });
    const db = options.db;
    if (db) {
      const gauge = new Gauge({
        name: "advo_outbox_messages",
        help: "Outbox rows by platform and status, read from the database at scrape time (global: the same on every instance)",
        labelNames: ["platform", "status"],
        registers,
      });
      // Read before the registry serializes (its collectors run in parallel, so a fault counted inside
      // one would only show on the next scrape). The database being down must not take /metrics down
      // with it, that is when it is read most: the series disappear and advo_database_errors_total says why.
      this.beforeScrape = async () => {
        gauge.reset();
        const rows = await db.outboxMessage.groupBy({ by: ["platform", "status"], _count: { _all: true } }).catch((err: unknown) => {
          countDatabaseError(this, "metrics", err);
          return [];
        });
        for (const r of rows) gauge.set({ platform: r.platform, status: r.status }, r._count._all);
      };
    }
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: "advo_" });
  }

  inbound(platform: string, kind: string): void {
    this.inboundTotal.inc({ platform, kind });
  }
  engineDuration(platform: string, seconds: number, outcome: "ok" | "error"): void {
    this.engineSeconds.observe({ platform, outcome }, seconds);
  }
  outboxSend(platform: string, outcome: SendOutcome): void {
    this.outboxSends.inc({ platform, outcome });
  }
  jobRun(job: string, outcome: "ok" | "failed" | "skipped", seconds?: number): void {
    this.jobRuns.inc({ job, outcome });
    if (seconds !== undefined) this.jobSeconds.observe({ job }, seconds);
  }
  verification(outcome: VerificationOutcome): void {
    this.verifications.inc({ outcome });
  }
  click(): void {
    this.clicks.inc();
  }
  conversion(attribution: string): void {
    this.conversions.inc({ attribution });
  }
  engineError(platform: string, code: string): void {
    this.engineErrors.inc({ platform, code });
  }
  platformError(platform: string, path: "reply" | "outbox", code: string): void {
    this.platformErrors.inc({ platform, path, code });
  }
  databaseError(component: DatabaseComponent, code: string): void {
    this.databaseErrors.inc({ component, code });
  }

  /** The Prometheus text exposition. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    await this.beforeScrape();
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
