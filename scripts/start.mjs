// npm start: runs the compiled bot (dist/src/main.js), compiling first when dist/ is missing or
// older than the sources, so `npm install && npm start` works on a fresh clone. The bot runs in
// this same process (no child), so SIGTERM reaches its shutdown handler directly.
import process from "node:process";
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { build } from "./build.mjs";
import { distState, root } from "./dist-state.mjs";

const state = distState();
if (state !== "fresh") {
  process.stderr.write(`advo: dist/ is ${state}, compiling (npm run build)…\n`);
  try {
    build();
  } catch (e) {
    process.stderr.write(`advo: ${e.message}\n`);
    process.exit(1);
  }
}
await import(pathToFileURL(join(root, "dist/src/main.js")).href);
