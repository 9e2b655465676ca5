#!/usr/bin/env node
// `advo <command>` (node_modules/.bin/advo, `npx advo`, `npm run advo`): the operator CLI from any
// directory. Runs the compiled CLI (dist/src/cli/main.js) in this process when `npm run build`
// is current; otherwise (a development checkout with edited sources) the TypeScript sources
// through tsx, which is resolved from this package, not from the caller's working directory.
import { spawnSync } from "node:child_process";
import process from "node:process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { distState, root } from "../scripts/dist-state.mjs";

if (process.env.ADVO_CLI_FROM_SOURCE !== "1" && distState() === "fresh") {
  await import(pathToFileURL(join(root, "dist/src/cli/main.js")).href);
} else {
  const result = spawnSync(process.execPath, ["--import", import.meta.resolve("tsx"), join(root, "src/cli/main.ts"), ...process.argv.slice(2)], { stdio: "inherit" });
  process.exit(result.status ?? 1);
}
