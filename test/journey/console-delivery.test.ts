// The console shows everything the platforms would receive: `npm run console` runs the outbox
// dispatcher for console users, so a job run in another terminal (`npm run job -- reminders`)
// prints its message in the running console, as it arrives. Both are the real programs.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabaseUrl } from "../helpers/db.js";
import { testDeps } from "../helpers/deps.js";
import { spawnProgram, until, type Program } from "../helpers/process.js";
import { openDatabase, type Database } from "../../src/db/client.js";
import { FakeClock, HOUR } from "../../src/clock.js";
import { migrateDatabase } from "../../src/db/migrate.js";
import { seedMember, seedMission } from "../engine/seed.js";
import { enqueue } from "../../src/services/outbox.js";
import { textMessage } from "../../src/engine/message.js";

const root = join(import.meta.dirname, "../..");
const tsx = join(root, "node_modules/.bin/tsx");

const program = (args: string[], env: Record<string, string>): Program => spawnProgram(tsx, args, { cwd: root, env: { LOG_LEVEL: "warn", ...env } });

describe("console delivery (sqlite)", () => {
  let url: string;
  let database: Database;
  beforeAll(async () => {
    url = (await createTestDatabaseUrl("sqlite")).url;
    await migrateDatabase(url);
    database = await openDatabase(url);
    const deps = testDeps({ ...database, url, destroy: async () => {} }, {}, new FakeClock(new Date()));
    const nina = await seedMember(deps, "nina");
    const mission = await seedMission(deps, { title: "Autumn look", deadline: new Date(Date.now() + 30 * HOUR) });
    await deps.db.participation.create({ data: { missionId: mission.id, influencerId: nina.id, status: "accepted", acceptedAt: new Date() } });
  });
  afterAll(() => database.close());

  it("given a running console then a reminder enqueued by `npm run job -- reminders` in another process is printed as it arrives", async () => {
    const chat = program(["adapters/console/main.ts"], { DATABASE_URL: url, CONSOLE_USER: "nina", CONSOLE_DELIVERY_POLL_MS: "200" });
    try {
      chat.child.stdin.write("/points\n");
      await until(() => chat.output().includes("Your points"), "the console to answer");
      expect(chat.output()).not.toContain("Autumn look");

      const job = program(["src/jobs/run-one.ts", "reminders"], { DATABASE_URL: url });
      expect(await job.closed).toBe(0);
      await until(() => chat.output().includes("Autumn look"), "the reminder in the console");
      expect(chat.output()).toMatch(/\[message for nina\][\s\S]*Reminder: the mission \*Autumn look\* closes on /);
    } finally {
      chat.child.stdin.end();
      await chat.closed;
    }
    const row = await database.db.outboxMessage.findFirstOrThrow({ where: { purpose: "reminder.deadline" } });
    expect(row.status).toBe("sent");
  }, 180_000);

  it("given `npm start` with its built-in console then an outbox message for a console user is printed there and marked sent", async () => {
    const app = program(["src/main.ts"], { DATABASE_URL: url, CONSOLE: "on", PORT: "0", JOBS_ENABLED: "false" });
    try {
      app.child.stdin.write("/as nina\n/points\n");
      await until(() => app.output().includes("Your points"), "the built-in console to answer");
      await enqueue(database.db, [{
        platform: "console", recipient: "nina", purpose: "test.notice", dedupeKey: "test:npm-start-console",
        payload: { kind: "message", message: textMessage("Delivered to the npm start console") },
      }]);
      await until(() => app.output().includes("Delivered to the npm start console"), "the outbox message in the npm start console");
      expect(app.output()).toMatch(/\[message for nina\][\s\S]*Delivered to the npm start console/);
    } finally {
      app.child.kill("SIGTERM");
      await app.closed;
    }
    expect(await database.db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: "test:npm-start-console" } })).toMatchObject({ status: "sent" });
  }, 180_000);
});
