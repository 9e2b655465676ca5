// npm run db:generate (also run by postinstall): renders the provider schemas from
// prisma/models.prisma and generates both Prisma clients. Generation needs no network; the CLI
// only insists that PRISMA_SCHEMA_ENGINE_BINARY names an existing executable (it is not run).
import process from "node:process";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { PROVIDERS, renderAll, schemaPath } from "./render-schemas.mjs";

renderAll();
const require = createRequire(import.meta.url);
const prismaCli = require.resolve("prisma/build/index.js");
const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
for (const provider of PROVIDERS) {
  execFileSync(process.execPath, [prismaCli, "generate", "--schema", schemaPath(provider)], { stdio: ["ignore", "inherit", "inherit"], env });
}
