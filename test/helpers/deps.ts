// Deps for service tests: a test database, a fake clock, a silent logger, a test config.
import { FakeClock } from "../../src/clock.js";
import { testConfig } from "../../src/config.js";
import { silentLogger } from "../../src/logger.js";
import type { Deps } from "../../src/services/deps.js";
import type { TestDatabase } from "./db.js";

export function testDeps(database: TestDatabase, configOverrides: Record<string, string> = {}, clock = new FakeClock()): Deps & { clock: FakeClock } {
  return { db: database.db, clock, log: silentLogger, config: testConfig(configOverrides) };
}
