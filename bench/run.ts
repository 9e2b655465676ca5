// `npm run bench [-- bench/x.ts …]`: runs the default export of each named bench file, or of every
// bench/*.ts file. Each bench prints its own numbers.
import { readdirSync } from "node:fs";
import { dirname, resolve, basename } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const named = process.argv.slice(2).filter((a) => a.endsWith(".ts"));
const files = named.length
  ? named.map((f) => resolve(process.cwd(), f))
  : readdirSync(here).filter((f) => f.endsWith(".ts") && f !== "run.ts").sort().map((f) => resolve(here, f));

for (const file of files) {
  const mod = (await import(pathToFileURL(file).href)) as { default?: () => Promise<void> };
  if (typeof mod.default !== "function") {
    process.stderr.write(`${basename(file)}: no default export to run\n`);
    process.exitCode = 1;
    continue;
  }
  process.stdout.write(`\n== ${basename(file)} ==\n`);
  await mod.default();
}
