// Whether dist/ (npm run build) is up to date with the sources. Plain JavaScript so that
// `npm start` and bin/advo.js can ask before any TypeScript loader or compiler is involved.
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");
/** written by scripts/build.mjs after a successful compile; its mtime is the build time */
export const stampFile = join(root, "dist", ".build-stamp");
const SOURCES = ["src", "adapters", "tsconfig.json", "tsconfig.build.json"];

function newestMtime(path) {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs; // a deleted file bumps its directory
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** "missing": never built; "stale": a source changed since; "fresh": dist/ can be run. */
export function distState() {
  const stamp = statSync(stampFile, { throwIfNoEntry: false });
  if (!stamp) return "missing";
  // A production image ships dist/ without the TypeScript sources: nothing to be stale against.
  if (!existsSync(join(root, "src", "main.ts"))) return "fresh";
  const newest = Math.max(...SOURCES.map((s) => newestMtime(join(root, s))));
  return newest > stamp.mtimeMs ? "stale" : "fresh";
}
