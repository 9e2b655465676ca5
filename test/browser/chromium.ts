// Finds the Chromium the browser tests drive (CHROMIUM_PATH, then the usual paths). In CI a
// missing browser is a failure (.ci/run installs it); elsewhere the tests skip with a message.
import { existsSync } from "node:fs";

const CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

export const chromiumPath: string | undefined = CANDIDATES.find((p): p is string => !!p && existsSync(p));

if (!chromiumPath) {
  const why = "no Chromium found (set CHROMIUM_PATH or install chromium): browser tests";
  if (process.env.CI) throw new Error(`${why} cannot run in CI`);
  console.warn(`${why} are skipped`);
}
