// The console as an app component: `npm start` without platform credentials in a terminal
// talks to the bot right there (CONSOLE=off disables it, CONSOLE=on forces it).
import type { AppCore, Component, ComponentFactory } from "../../src/app.js";
import { platformsConfigured } from "../../src/config.js";
import { ConsoleAdapter } from "./transport.js";

export function wantsConsole(core: Pick<AppCore, "config">, stdinIsTty: boolean): boolean {
  if (core.config.CONSOLE === "off") return false;
  if (core.config.CONSOLE === "on") return true;
  return stdinIsTty && platformsConfigured(core.config).length === 0;
}

export const consoleFactory: ComponentFactory = (core): Component[] => {
  if (!wantsConsole(core, Boolean(process.stdin.isTTY))) return [];
  const adapter = new ConsoleAdapter({ input: process.stdin, output: process.stdout, prompt: Boolean(process.stdin.isTTY) });
  return [{
    name: "console",
    start: () => adapter.start(core.engine.handle),
    stop: () => adapter.stop(),
  }];
};

export { ConsoleAdapter };
