// npm run build: compiles src/, adapters/ and the generated Prisma clients to dist/ with tsc
// (tsconfig.build.json), then stamps the build so `npm start` and bin/advo.js know it is current.
import process from "node:process";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { root, stampFile } from "./dist-state.mjs";

/** `outDir` other than dist/ (tests build a copy elsewhere): `node scripts/build.mjs --out-dir DIR`. */
export function build(outDir = dirname(stampFile)) {
  let tsc;
  try {
    tsc = createRequire(join(root, "package.json")).resolve("typescript/bin/tsc");
  } catch {
    throw new Error("cannot build dist/: TypeScript is not installed (a production install without devDependencies). Run `npm ci` and `npm run build`, or ship dist/ with the install.");
  }
  if (!existsGenerated()) throw new Error("cannot build dist/: the Prisma clients are not generated (run `npm run db:generate`).");
  const r = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json"), "--outDir", outDir, "--tsBuildInfoFile", join(outDir, ".tsbuildinfo")], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) throw new Error(`tsc failed (exit ${r.status ?? r.signal})`);
  mkdirSync(outDir, { recursive: true });
  // The CLI's command manifest (help and argument checks without loading the services).
  const cli = join(outDir, "src/cli");
  const m = spawnSync(process.execPath, [join(cli, "write-manifest.js"), join(cli, "manifest.json")], { cwd: root, stdio: "inherit", env: { ...process.env, LOG_LEVEL: "silent" } });
  // Without it the CLI still works (it loads the whole table), only slower to start.
  if (m.status !== 0) process.stderr.write(`advo build: warning: the CLI manifest was not written (exit ${m.status ?? m.signal}); the CLI will load every command at start-up\n`);
  // written last: a build cut off half-way leaves the previous stamp older than the sources
  writeFileSync(join(outDir, basename(stampFile)), `${new Date().toISOString()}\n`);
}

function existsGenerated() {
  return ["sqlite", "postgresql"].every((p) => existsSync(join(root, "src/db/generated", p, "client.ts")));
}

if (process.argv[1] === import.meta.filename) {
  try {
    const i = process.argv.indexOf("--out-dir");
    build(i > 0 && process.argv[i + 1] ? resolve(process.argv[i + 1]) : undefined);
  } catch (e) {
    process.stderr.write(`advo build: ${e.message}\n`);
    process.exit(1);
  }
}
