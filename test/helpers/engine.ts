// One engine on one fresh database for a describe block (engine and journey tests): the set-up
// every such file used to repeat — createTestDatabase(provider), testDeps, createEngine — and the
// drop at the end.
import { afterAll, beforeAll } from "vitest";
import { createEngine, type Engine, type EngineOptions } from "../../src/engine/engine.js";
import type { FakeClock } from "../../src/clock.js";
import type { Deps } from "../../src/services/deps.js";
import { createTestDatabase, type Provider, type TestDatabase } from "./db.js";
import { testDeps } from "./deps.js";

export type TestDeps = Deps & { clock: FakeClock };

export interface EngineOnTestDatabase {
  /** deps on the block's database (fake clock, silent logger, test config); filled before the first test */
  deps: TestDeps;
  /** an engine on those deps; filled before the first test */
  engine: Engine;
  /** the block's database (only inside hooks and tests) */
  database(): TestDatabase;
}

/**
 * For a describe block: before its tests, a fresh database, deps on it and an engine; after them,
 * the database is dropped. `deps` and `engine` are the same objects from the call on (filled in
 * the block's first beforeAll), so a file can destructure them once and read them in its tests;
 * a later beforeAll of the file (seeding) runs after this one.
 */
export function engineOnTestDatabase(provider: Provider, configOverrides: Record<string, string> = {}, engineOptions: EngineOptions = {}): EngineOnTestDatabase {
  const deps = {} as TestDeps;
  const engine = {} as Engine;
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(provider);
    Object.assign(deps, testDeps(database, configOverrides));
    Object.assign(engine, createEngine(deps, engineOptions));
  });
  afterAll(async () => {
    await database?.destroy();
    database = undefined;
  });
  return {
    deps,
    engine,
    database: () => {
      if (!database) throw new Error("engineOnTestDatabase: no database outside the block's hooks and tests");
      return database;
    },
  };
}

/**
 * For a describe block of service tests: a fresh database and deps on it before its tests, dropped
 * after them. `t` and `deps` are the same objects from the call on (filled in the block's first
 * beforeAll), so a file destructures them once: `const { t, deps } = depsOnTestDatabase(provider)`.
 */
export function depsOnTestDatabase(provider: Provider, configOverrides: Record<string, string> = {}): { t: TestDatabase; deps: TestDeps } {
  const t = {} as TestDatabase;
  const deps = {} as TestDeps;
  beforeAll(async () => {
    Object.assign(t, await createTestDatabase(provider));
    Object.assign(deps, testDeps(t, configOverrides));
  });
  afterAll(async () => t.destroy?.());
  return { t, deps };
}
