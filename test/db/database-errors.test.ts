// A database fault says what it is: the driver's own code (SQLITE_FULL, DatabaseNotReachable …)
// reaches the log line and advo_database_errors_total at every boundary, instead of "internal".
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.js";
import { databaseErrorCode } from "../../src/db/errors.js";
import { AppError, errorCode } from "../../src/errors.js";
import { Metrics } from "../../src/metrics.js";
import { FakeUser, testEngine } from "../engine/harness.js";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";
import { testDeps } from "../helpers/deps.js";
import { captureLog } from "../helpers/log-capture.js";
import { parsePrometheusText } from "../helpers/prometheus.js";

async function fillUp(database: TestDatabase): Promise<void> {
  const pages = Number((await database.db.$queryRawUnsafe<{ page_count: number | bigint }[]>("PRAGMA page_count"))[0]!.page_count);
  await database.db.$queryRawUnsafe(`PRAGMA max_page_count = ${pages}`);
}

function sample(metrics: string, component: string): Record<string, number> {
  const family = parsePrometheusText(metrics).get("advo_database_errors_total");
  const out: Record<string, number> = {};
  for (const s of family?.samples ?? []) if (s.labels.component === component) out[s.labels.code!] = s.value;
  return out;
}

describe("database error codes", () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  it("given a full SQLite file, then the write's error is SQLITE_FULL, not internal", async () => {
    const database = await createTestDatabase("sqlite");
    cleanup.push(() => database.destroy());
    await fillUp(database);
    const error = await database.db.programSetting
      .createMany({ data: Array.from({ length: 200 }, (_, i) => ({ key: `k${i}`, value: "x".repeat(3000) })) })
      .then(() => undefined, (e: unknown) => e);
    expect(databaseErrorCode(error)).toBe("SQLITE_FULL");
    expect(errorCode(error)).toBe("SQLITE_FULL");
  });

  it("given a PostgreSQL server that cannot be reached, then the code says so", async () => {
    // Port 1 on loopback refuses at once: no server is needed for this one.
    const database = await openDatabase("postgresql://postgres@127.0.0.1:1/advo");
    cleanup.push(() => database.close().catch(() => {}));
    const error = await database.db.influencer.count().then(() => undefined, (e: unknown) => e);
    expect(databaseErrorCode(error)).toBe("DatabaseNotReachable");
  });

  it("given errors that are not the database's, then they keep their own code", () => {
    expect(databaseErrorCode(new Error("boom"))).toBeUndefined();
    expect(databaseErrorCode({ code: "ECONNRESET" })).toBeUndefined();
    expect(errorCode(new AppError("verify.timeout", "x"))).toBe("verify.timeout");
    expect(errorCode(new Error("boom"))).toBe("internal");
    // A wrapped database error is found through its cause.
    expect(errorCode(new Error("wrapped", { cause: { name: "PrismaClientKnownRequestError", code: "P1017" } }))).toBe("P1017");
  });

  it("given a full database, then a command gets the polite error, and the engine logs and counts SQLITE_FULL", async () => {
    const database = await createTestDatabase("sqlite");
    cleanup.push(() => database.destroy());
    const metrics = new Metrics({ processMetrics: false });
    const captured = captureLog("warn");
    const engine = testEngine({ ...testDeps(database), log: captured.log, metrics });
    await fillUp(database);
    // Fill every free page, and the room left in the intake tables' own pages (an empty table still
    // has a root page with space), so that even the event's de-dup row cannot be written.
    const fill = async (write: (i: number) => Promise<unknown>) => {
      for (let i = 0; i < 5000; i++) if (await write(i).then(() => false, () => true)) return;
    };
    await fill((i) => database.db.programSetting.create({ data: { key: `fill${i}`, value: "x".repeat(50) } }));
    await fill((i) => database.db.processedEvent.create({ data: { id: `fill${i}`, expiresAt: new Date(Date.now() + 3600_000) } }));
    await fill((i) => database.db.conversation.create({ data: { key: `fill:${i}`, data: {} } }));
    const user = new FakeUser(engine, "full-user");
    const replies = await user.command("/help");
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).not.toMatch(/SQLITE|disk|Prisma/i);
    const failed = captured.find("event handling failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]!.code).toBe("SQLITE_FULL");
    expect(sample((await metrics.scrape()).body, "engine")).toEqual({ SQLITE_FULL: 1 });
  });

  it("given the database down at scrape time, then /metrics still answers and counts the fault", async () => {
    const database = await openDatabase("postgresql://postgres@127.0.0.1:1/advo");
    cleanup.push(() => database.close().catch(() => {}));
    const metrics = new Metrics({ db: database.db, processMetrics: false });
    const body = (await metrics.scrape()).body;
    expect(parsePrometheusText(body).get("advo_outbox_messages")?.samples ?? []).toEqual([]);
    expect(sample(body, "metrics")).toEqual({ DatabaseNotReachable: 1 });
  });
});
