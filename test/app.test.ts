// The app boots on a fresh database (migrations applied at start), answers /healthz and stops.
import { afterEach, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../src/app.js";
import { testConfig } from "../src/config.js";
import { silentLogger } from "../src/logger.js";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDatabaseUrl, testProviders } from "./helpers/db.js";

describe.each(testProviders())("app on %s", (provider) => {
  let app: RunningApp | undefined;
  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });

  it("given a database then start migrates it and /healthz answers 200 with the database ok", async () => {
    const url =
      provider === "sqlite"
        ? `file:${join(mkdtempSync(join(tmpdir(), "advo-app-")), "fresh.db")}` // empty: proves start-up migrates
        : (await createTestDatabaseUrl(provider)).url;
    app = await startApp(testConfig({ DATABASE_URL: url, PORT: "0" }), silentLogger);
    const res = await fetch(`http://127.0.0.1:${app.port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", database: { provider, status: "ok" } });
    const missing = await fetch(`http://127.0.0.1:${app.port}/nope`);
    expect(missing.status).toBe(404);
  });
});
