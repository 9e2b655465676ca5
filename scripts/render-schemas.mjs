// Renders one Prisma schema per provider from prisma/models.prisma (the single source of truth).
// Plain JavaScript (types in render-schemas.d.mts): postinstall runs it in a production install,
// where no TypeScript loader is present.
import process from "node:process";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

export const PROVIDERS = /** @type {const} */ (["sqlite", "postgresql"]);

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const prismaDir = join(root, "prisma");

export function schemaPath(provider) {
  return join(prismaDir, provider, "schema.prisma");
}

export function renderSchema(provider, models) {
  return `// GENERATED from prisma/models.prisma by scripts/render-schemas.mjs — edit that file, not this one.
generator client {
  provider            = "prisma-client"
  output              = "../../src/db/generated/${provider}"
  moduleFormat        = "esm"
  importFileExtension = "js"
  // The smaller query-compiler build: a process (each CLI command) loads and compiles it in ≈0.28 s
  // less CPU than "fast" (issue 18), and steady-state queries were not slower here (with plan caching).
  compilerBuild       = "small"
}

datasource db {
  provider = "${provider}"
}

${models}`;
}

export function readModels() {
  return readFileSync(join(prismaDir, "models.prisma"), "utf8");
}

export function renderAll() {
  const models = readModels();
  const out = {};
  for (const provider of PROVIDERS) {
    const text = renderSchema(provider, models);
    mkdirSync(dirname(schemaPath(provider)), { recursive: true });
    writeFileSync(schemaPath(provider), text);
    out[provider] = text;
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  renderAll();
}
