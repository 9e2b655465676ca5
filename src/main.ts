// Composition root: the one file in src/ allowed to wire adapters (see eslint.config.js).
import { boot } from "./boot.js";
import { startApp } from "./app.js";
import { componentFactories } from "../adapters/index.js";

const { config, log } = boot();

try {
  const app = await startApp(config, log, componentFactories);
  let signals = 0;
  const shutdown = (signal: string) => {
    signals++;
    if (signals > 1) {
      log.warn({ signal }, "second signal: exiting now");
      process.exit(1);
    }
    log.info({ signal, timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, "signal received");
    // A stuck component (a hung platform call, a job that does not finish) must not keep the
    // process past its grace period: exit 1 and let leases lapse for the other instances.
    setTimeout(() => {
      log.error({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, "shutdown timed out: exiting with work unfinished");
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS).unref();
    app.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
} catch (err) {
  log.fatal({ err, code: (err as { code?: string }).code }, "start-up failed");
  process.exit(1);
}
