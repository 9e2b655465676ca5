// Renders one Prisma schema per provider from prisma/models.prisma (the single source of truth).
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

export const PROVIDERS = ["sqlite", "postgresql"] as const;
export type Provider = (typeof PROVIDERS)[number];

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const prismaDir = join(root, "prisma");

export function schemaPath(provider: Provider): string {
  return join(prismaDir, provider, "schema.prisma");
}

export function renderSchema(provider: Provider, models: string): string {
  return `// GENERATED from prisma/models.prisma by scripts/render-schemas.ts — edit that file, not this one.
generator client {
  provider            = "prisma-client"
  output              = "../../src/db/generated/${provider}"
  moduleFormat        = "esm"
  importFileExtension = "js"
}

datasource db {
  provider = "${provider}"
}

${models}`;
}

export function readModels(): string {
  return readFileSync(join(prismaDir, "models.prisma"), "utf8");
}

export function renderAll(): Record<Provider, string> {
  const models = readModels();
  const out = {} as Record<Provider, string>;
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
