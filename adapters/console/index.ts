// The console as an app component: `npm start` without platform credentials in a terminal
// talks to the bot right there (CONSOLE=off disables it, CONSOLE=on forces it). The same adapter
// instance is the console's outbox sender (consoleAdapterFor), so verification results, notices
// and reminders for console users are printed as they are delivered, as in `npm run console`.
import type { AppCore, Component, ComponentFactory } from "../../src/app.js";
import { platformsConfigured } from "../../src/config.js";
import { ConsoleAdapter } from "./transport.js";

export function wantsConsole(core: Pick<AppCore, "config">, stdinIsTty: boolean): boolean {
  if (core.config.CONSOLE === "off") return false;
  if (core.config.CONSOLE === "on") return true;
  return stdinIsTty && platformsConfigured(core.config).length === 0;
}

const instances = new WeakMap<object, ConsoleAdapter | null>();

/** One console adapter per app core (undefined when the console is not wanted). */
export function consoleAdapterFor(core: Pick<AppCore, "config" | "deps">): ConsoleAdapter | undefined {
  // Keyed by deps, not the core object: RunningApp is a copy of the core with the same deps.
  if (!instances.has(core.deps)) {
    const tty = Boolean(process.stdin.isTTY);
    instances.set(core.deps, wantsConsole(core, tty) ? new ConsoleAdapter({ input: process.stdin, output: process.stdout, prompt: tty }) : null);
  }
  return instances.get(core.deps) ?? undefined;
}

export const consoleFactory: ComponentFactory = (core): Component[] => {
  const adapter = consoleAdapterFor(core);
  if (!adapter) return [];
  return [{
    name: "console",
    start: () => adapter.start(core.engine.handle),
    stop: () => adapter.stop(),
  }];
};

export { ConsoleAdapter };
