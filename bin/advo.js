#!/usr/bin/env node
// `npx advo <command>`: runs the operator CLI (src/cli/main.ts) through tsx, from any directory
// (tsx is resolved from this package, not from the caller's working directory).
import { spawnSync } from "node:child_process";
import process from "node:process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const result = spawnSync(process.execPath, ["--import", import.meta.resolve("tsx"), join(root, "src/cli/main.ts"), ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(result.status ?? 1);
