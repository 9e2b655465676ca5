// Builds and runs the application from a parsed config: database (migrated) → HTTP server with
// /healthz → adapters whose credentials are set → scheduler. Platform-free: adapters are handed
// in by the composition root (src/main.ts).
import { type AppConfig, platformsConfigured } from "./config.js";
import { systemClock, type Clock } from "./clock.js";
import type { Logger } from "./logger.js";
import { maskUrl } from "./logger.js";
import { openDatabase, type Database } from "./db/client.js";
import { migrateDatabase } from "./db/migrate.js";
import { dashboardRoutes } from "./web/routes.js";
import { HttpServer } from "./http/server.js";
import { healthRoutes } from "./http/health.js";
import { trackingRoutes } from "./http/tracking.js";
import { AfterResponse } from "./http/after-response.js";
import { conversionRoutes } from "./http/conversions.js";
import { observabilityRoutes, type ReadinessCheck } from "./http/observability.js";
import { Metrics } from "./metrics.js";
import { observeHandler } from "./metrics-hooks.js";
import { recentJobRuns } from "./jobs/job-runs.js";
import { outboxSummary } from "./delivery/progress.js";
import type { Deps } from "./services/deps.js";
import { createEngine, type Engine } from "./engine/engine.js";

/** Something the app starts after the database and HTTP server, and stops first on shutdown. */
export interface Component {
  name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** for /readyz once started: can it reach its platform? (platforms implement it) */
  ready?(): Promise<boolean>;
}

/** Creates the platform/job components once the core is up (adapters, scheduler, dispatcher). */
export type ComponentFactory = (core: AppCore) => Promise<Component[]> | Component[];

export interface AppCore {
  config: AppConfig;
  log: Logger;
  clock: Clock;
  database: Database;
  deps: Deps;
  http: HttpServer;
  /** the conversation engine every adapter hands its events to (engine.handle is the EventHandler) */
  engine: Engine;
  /** this app's Prometheus registry (GET /metrics) */
  metrics: Metrics;
}

export interface RunningApp extends AppCore {
  port: number;
  stop(): Promise<void>;
}

export async function startApp(
  config: AppConfig,
  log: Logger,
  factories: ComponentFactory[] = [],
  clock: Clock = systemClock,
): Promise<RunningApp> {
  log.info({ database: maskUrl(config.DATABASE_URL) }, "migrating database");
  const applied = await migrateDatabase(config.DATABASE_URL, (m) => log.debug({ engine: m }, "schema engine"));
  if (applied.length) log.info({ applied }, "migrations applied");
  const database = await openDatabase(config.DATABASE_URL);
  const metrics = new Metrics({ db: database.db });
  const deps: Deps = { db: database.db, clock, log, config, metrics };

  // HTTP routes: one Hono sub-app per area, each mounted with one line (see src/http/server.ts).
  const http = new HttpServer(log, { metrics });
  // /healthz also shows the latest run of each job and the outbox backlog (issue 8).
  http.mount(healthRoutes(database, { jobs: async () => ({ latest: await recentJobRuns(database.db) }), outbox: () => outboxSummary(database.db) }));
  // Clicks are written right after their redirect is sent; stop() waits for the ones still being written.
  const after = new AfterResponse(log);
  http.mount(trackingRoutes({ ...deps, after, metrics })); // GET/HEAD /t/<code>: tracking-link redirects (counted in advo_clicks_total)
  http.mount(dashboardRoutes(deps)); // /dashboard: the manager dashboard (issue 14), sign-in links from `advo dashboard link`
  http.mount(conversionRoutes(deps)); // POST /conversions, /conversions/shopify, /conversions/woocommerce
  const created = createEngine(deps);
  // every adapter hands its events to engine.handle: counted and timed here (src/metrics-hooks.ts)
  const engine: Engine = { ...created, handle: observeHandler(created.handle, metrics) };
  const core: AppCore = { config, log, clock, database, deps, http, engine, metrics };

  const components: Component[] = [];
  for (const factory of factories) components.push(...(await factory(core)));
  const started: Component[] = [];
  let serving = false; // true between a complete start and the beginning of stop
  // GET /metrics and GET /readyz (database + each started platform)
  const readiness = (): ReadinessCheck[] => [
    { name: "started", check: async () => serving },
    { name: "database", check: () => database.ping() },
    ...started.flatMap((c) => (c.ready ? [{ name: c.name, check: () => c.ready!() }] : [])),
  ];
  http.mount(observabilityRoutes({ scrape: () => metrics.scrape(), token: config.METRICS_TOKEN, checks: readiness }));

  const port = await http.listen(config.PORT);
  log.info({ port, provider: database.provider }, "http server listening (GET /healthz)");

  try {
    for (const c of components) {
      await c.start();
      started.push(c);
      log.info({ component: c.name }, "started");
    }
  } catch (err) {
    await stopAll(started, log);
    await http.close();
    await database.close();
    throw err;
  }

  serving = true;
  if (platformsConfigured(config).length === 0) {
    log.info(
      "no chat platform connected: set TELEGRAM_BOT_TOKEN, DISCORD_BOT_TOKEN or SLACK_BOT_TOKEN in .env (see README 'Connecting a platform'), or talk to the bot here with `npm run console`",
    );
  }

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      log.info("shutting down: stopping intake");
      serving = false;
      await http.close();
      await after.drain(); // clicks answered but not yet written
      await stopAll(started, log);
      await database.close();
      log.info("stopped");
    })());

  return { ...core, port, stop };
}

async function stopAll(components: Component[], log: Logger): Promise<void> {
  // Reverse order: intake (adapters) started last stops first, then jobs and delivery.
  for (const c of [...components].reverse()) {
    try {
      await c.stop();
    } catch (err) {
      log.error({ err, component: c.name }, "component failed to stop cleanly");
    }
  }
}
