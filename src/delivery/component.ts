// The dispatcher as an app component: starts one loop per platform that has a sender, stops
// gracefully (in-flight sends finish and are recorded, unsent claims go back to the queue).
import type { AppCore, Component } from "../app.js";
import { Dispatcher, type DispatcherOptions } from "./dispatcher.js";
import type { MessageSender } from "./port.js";
import { observeSender } from "../metrics-hooks.js";

export function createDispatcher(core: AppCore, senders: MessageSender[], options: DispatcherOptions = {}): Dispatcher {
  const { deps, database } = core;
  return new Dispatcher({ db: deps.db, provider: database.provider, clock: deps.clock, log: deps.log, config: deps.config, metrics: deps.metrics }, senders, options);
}

/** The running app's options: PostgreSQL means possibly several instances, so the rate budgets are shared. */
function appOptions(core: AppCore, options: DispatcherOptions): DispatcherOptions {
  return { sharedLimits: core.database.provider === "postgresql", batchSize: core.deps.config.DELIVERY_BATCH_SIZE, ...options };
}

export function createDeliveryComponent(core: AppCore, senders: MessageSender[], options: DispatcherOptions = {}): Component {
  let dispatcher: Dispatcher | undefined;
  return {
    name: "delivery",
    async start() {
      if (!senders.length) {
        core.log.info("delivery: no platform sender configured; outbox rows wait until one is");
        return;
      }
      dispatcher = createDispatcher(core, senders.map((s) => observeSender(s, core.deps.metrics)), appOptions(core, options));
      dispatcher.start();
      core.log.info({ platforms: dispatcher.platforms, instance: dispatcher.instanceId, sharedLimits: core.database.provider === "postgresql" }, "outbox dispatcher running");
    },
    async stop() {
      await dispatcher?.stop();
    },
  };
}
