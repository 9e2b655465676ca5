// Prisma's schema engine compiled to WebAssembly: migrations without Prisma's binary host.
// The package is built for bundlers (it imports its .wasm), so on Node we instantiate the
// module ourselves with the package's JS glue.
import { readFile, readdir } from "node:fs/promises";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { AppError } from "../errors.js";

let wasmReady: Promise<void> | undefined;

function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const gluePath = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(join(dirname(gluePath), "schema_engine_bg.wasm"));
    // @types/node does not declare the WebAssembly global without the DOM lib.
    const wasm = (globalThis as unknown as { WebAssembly: { instantiate(b: Uint8Array, i: object): Promise<{ instance: { exports: object } }> } }).WebAssembly;
    const { instance } = await wasm.instantiate(bytes, { "./schema_engine_bg.js": glue });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  })();
  return wasmReady;
}

export type EngineLog = (message: string) => void;

export interface OpenEngine {
  engine: SchemaEngine;
  /** Frees the engine and disposes every connection it opened (SQLite keeps file locks otherwise). */
  close(): Promise<void>;
}

export async function openSchemaEngine(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  datamodel?: { path: string; content: string },
  log: EngineLog = () => {},
): Promise<OpenEngine> {
  await loadWasm();
  const opened: { dispose(): Promise<void> }[] = [];
  const tracking: SqlMigrationAwareDriverAdapterFactory = {
    provider: adapterFactory.provider,
    adapterName: adapterFactory.adapterName,
    connect: async () => {
      const a = await adapterFactory.connect();
      opened.push(a);
      return a;
    },
    connectToShadowDb: async () => {
      const a = await adapterFactory.connectToShadowDb();
      opened.push(a);
      return a;
    },
  };
  const close = async () => {
    await Promise.allSettled(opened.map((a) => a.dispose()));
  };
  try {
    const engine = await glue.SchemaEngine.new(
      { datamodels: datamodel ? [[datamodel.path, datamodel.content]] : undefined },
      (msg: string) => log(msg),
      bindMigrationAwareSqlAdapterFactory(tracking),
    );
    return {
      engine,
      close: async () => {
        engine.free();
        await close();
      },
    };
  } catch (cause) {
    await close();
    throw new AppError("db.engine_start_failed", "could not start the Prisma schema engine", { cause });
  }
}

/** Reads a migrations folder the way `prisma migrate deploy` does. */
export async function readMigrations(baseDir: string): Promise<MigrationList> {
  const lockPath = join(baseDir, "migration_lock.toml");
  const entries = existsSync(baseDir) ? await readdir(baseDir, { withFileTypes: true }) : [];
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const migrationDirectories = await Promise.all(
    dirs.map(async (dir) => {
      const file = join(baseDir, dir, "migration.sql");
      const content = existsSync(file)
        ? ({ tag: "ok", value: await readFile(file, "utf8") } as const)
        : ({ tag: "error", value: `missing ${file}` } as const);
      return { path: dir, migrationFile: { path: "migration.sql", content } };
    }),
  );
  return {
    baseDir,
    lockfile: {
      path: "migration_lock.toml",
      content: existsSync(lockPath) ? await readFile(lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

export const NO_FILTERS = { externalTables: [], externalEnums: [] };
