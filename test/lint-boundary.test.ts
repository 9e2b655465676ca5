// The platform-free rule is enforced by ESLint: src/ cannot import a chat SDK or adapters/.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../src/db/provider.js";

async function lint(path: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: projectRoot });
  const [result] = await eslint.lintText(code, { filePath: `${projectRoot}/${path}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("platform-free boundary", () => {
  it.each([
    ['import { Bot } from "grammy";', "grammY"],
    ['import { Client } from "discord.js";', "discord.js"],
    ['import { App } from "@slack/bolt";', "Slack"],
    ['import { x } from "../../adapters/adapter.js";', "adapters/"],
    ['import cron from "node-cron";', "node-cron"],
  ])("given src/engine importing %s then lint refuses it", async (code, hint) => {
    const messages = await lint("src/engine/probe.ts", `${code}\nexport const y = 1;\n`);
    expect(messages.join(" ")).toContain(hint);
  });

  it("given an adapter importing grammy then lint allows it", async () => {
    expect(await lint("adapters/telegram/probe.ts", 'import { Bot } from "grammy";\nexport const b = Bot;\n')).toEqual([]);
  });

  it.each(["mapper", "render", "sender", "roles", "commands", "adapter", "probe"])("given adapters/discord/%s.ts importing discord.js then lint refuses it: only the transport talks to Discord", async (file) => {
    const messages = await lint(`adapters/discord/${file}.ts`, 'import { REST } from "discord.js";\nexport const r = REST;\n');
    expect(messages.join(" ")).toContain("Only adapters/discord/transport.ts imports discord.js");
  });

  it("given the Discord transport importing discord.js then lint allows it", async () => {
    expect(await lint("adapters/discord/transport.ts", 'import { Client } from "discord.js";\nexport const c = Client;\n')).toEqual([]);
  });

  it("given the scheduler importing node-cron then lint allows it", async () => {
    expect(await lint("src/jobs/scheduler.ts", 'import cron from "node-cron";\nexport const c = cron;\n')).toEqual([]);
  });
});
