// `node dist/src/cli/write-manifest.js FILE`: writes the command manifest (src/cli/manifest.ts)
// from the compiled command table. Run by scripts/build.mjs after tsc.
import { writeFileSync } from "node:fs";
import { COMMANDS } from "./commands.js";
import { manifestOf } from "./manifest.js";

const target = process.argv[2];
if (!target) throw new Error("usage: write-manifest FILE");
writeFileSync(target, `${JSON.stringify(manifestOf(COMMANDS), null, 1)}\n`);
