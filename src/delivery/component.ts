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

export function createDeliveryComponent(core: AppCore, senders: MessageSender[], options: DispatcherOptions = {}): Component {
  let dispatcher: Dispatcher | undefined;
  return {
    name: "delivery",
    async start() {
      if (!senders.length) {
        core.log.info("delivery: no platform sender configured; outbox rows wait until one is");
        return;
      }
      dispatcher = createDispatcher(core, senders.map((s) => observeSender(s, core.deps.metrics)), options);
      dispatcher.start();
      core.log.info({ platforms: dispatcher.platforms, instance: dispatcher.instanceId }, "outbox dispatcher running");
    },
    async stop() {
      await dispatcher?.stop();
    },
  };
}
