// `node dist/src/cli/write-manifest.js FILE`: writes the command manifest (src/cli/manifest.ts)
// from the compiled command table. Run by scripts/build.mjs after tsc.
import { readdirSync, writeFileSync } from "node:fs";
import { COMMANDS } from "./commands.js";
import { entriesOf, manifestOf } from "./manifest.js";

const target = process.argv[2];
if (!target) throw new Error("usage: write-manifest FILE");
// Which commands-*.js module holds each entry of the final table (the same object, so an entry
// that commands.ts overrides or wraps stays with the whole table).
const moduleOf: Record<string, string> = {};
for (const file of readdirSync(import.meta.dirname).filter((f) => /^commands-[\w-]+\.js$/.test(f)).sort()) {
  const entries = entriesOf((await import(`./${file}`)) as Record<string, unknown>);
  for (const [name, entry] of Object.entries(entries)) if (COMMANDS[name] === entry) moduleOf[name] = file;
}
writeFileSync(target, `${JSON.stringify(manifestOf(COMMANDS, moduleOf), null, 1)}\n`);
