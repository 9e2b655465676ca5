// Builds and runs the application from a parsed config: database (migrated) → HTTP server with
// /healthz → adapters whose credentials are set → scheduler. Platform-free: adapters are handed
// in by the composition root (src/main.ts).
import { type AppConfig, platformsConfigured } from "./config.js";
import { systemClock, type Clock } from "./clock.js";
import type { Logger } from "./logger.js";
import { maskUrl } from "./logger.js";
import { openDatabase, type Database } from "./db/client.js";
import { migrateDatabase } from "./db/migrate.js";
import { HttpServer } from "./http/server.js";
import { healthRoutes } from "./http/health.js";
import { trackingRoutes } from "./http/tracking.js";
import { recentJobRuns } from "./jobs/job-runs.js";
import { outboxSummary } from "./delivery/progress.js";
import type { Deps } from "./services/deps.js";
import { createEngine, type Engine } from "./engine/engine.js";

/** Something the app starts after the database and HTTP server, and stops first on shutdown. */
export interface Component {
  name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
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
  const deps: Deps = { db: database.db, clock, log, config };

  // HTTP routes: one Hono sub-app per area, each mounted with one line (see src/http/server.ts).
  const http = new HttpServer(log);
  // /healthz also shows the latest run of each job and the outbox backlog (issue 8).
  http.mount(healthRoutes(database, { jobs: async () => ({ latest: await recentJobRuns(database.db) }), outbox: () => outboxSummary(database.db) }));
  http.mount(trackingRoutes(deps)); // GET /t/<code>: tracking-link redirects (program management)
  const engine = createEngine(deps);
  const core: AppCore = { config, log, clock, database, deps, http, engine };

  const components: Component[] = [];
  for (const factory of factories) components.push(...(await factory(core)));

  const port = await http.listen(config.PORT);
  log.info({ port, provider: database.provider }, "http server listening (GET /healthz)");

  const started: Component[] = [];
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

  if (platformsConfigured(config).length === 0) {
    log.info(
      "no chat platform connected: set TELEGRAM_BOT_TOKEN, DISCORD_BOT_TOKEN or SLACK_BOT_TOKEN in .env (see README 'Connecting a platform'), or talk to the bot here with `npm run console`",
    );
  }

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      log.info("shutting down: stopping intake");
      await http.close();
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
