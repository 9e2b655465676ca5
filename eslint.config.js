// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/**", "dist/**", "src/db/generated/**", "data/**", "coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    // The engine is platform-free: nothing under src/ may reach a chat SDK or an adapter.
    files: ["src/jobs/scheduler.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["grammy", "grammy/*", "@grammyjs/*"], message: "src/ is platform-free: grammY belongs in adapters/telegram." },
            // a bare "discord.js" pattern would also match ./catalogs/discord.js; exact names below
            { regex: "^(discord\\.js(/.*)?|@discordjs/.*)$", message: "src/ is platform-free: discord.js belongs in adapters/discord." },
            { group: ["@slack/*"], message: "src/ is platform-free: Slack SDKs belong in adapters/slack." },
            { group: ["**/adapters/**", "../adapters/*", "../../adapters/*"], message: "src/ must not import adapters/." },
          ],
        },
      ],
    },
  },
  {
    files: ["src/**/*.ts"],
    // main.ts is the composition root: the one place in src/ that wires adapters/.
    ignores: ["src/jobs/scheduler.ts", "src/main.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "node-cron", message: "Only src/jobs/scheduler.ts imports node-cron." }],
          patterns: [
            { group: ["grammy", "grammy/*", "@grammyjs/*"], message: "src/ is platform-free: grammY belongs in adapters/telegram." },
            // a bare "discord.js" pattern would also match ./catalogs/discord.js; exact names below
            { regex: "^(discord\\.js(/.*)?|@discordjs/.*)$", message: "src/ is platform-free: discord.js belongs in adapters/discord." },
            { group: ["@slack/*"], message: "src/ is platform-free: Slack SDKs belong in adapters/slack." },
            { group: ["**/adapters/**", "../adapters/*", "../../adapters/*"], message: "src/ must not import adapters/." },
          ],
        },
      ],
    },
  },
  {
    // The Discord adapter flows one way: only its transport talks to Discord (issue 16); the
    // mapper, renderer, sender, roles and commands work on plain JSON through ports.ts.
    files: ["adapters/discord/**/*.ts"],
    ignores: ["adapters/discord/transport.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ regex: "^(discord\\.js(/.*)?|@discordjs/.*)$", message: "Only adapters/discord/transport.ts imports discord.js: use the ports in ports.ts." }] },
      ],
    },
  },
);
