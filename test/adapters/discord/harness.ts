// Shared set-up for the Discord transport tests: a fake Discord, a real test database and a real
// DiscordAdapter (discord.js Client) wired to a scripted engine handler.
import { FakeClock } from "../../../src/clock.js";
import { testConfig } from "../../../src/config.js";
import { silentLogger, type Logger } from "../../../src/logger.js";
import type { EventHandler, InboundEvent, OutboundMessage } from "../../../adapters/adapter.js";
import { DiscordAdapter, type DiscordAdapterDeps } from "../../../adapters/discord/adapter.js";
import { FakeDiscord, type RecordedCall } from "../../fakes/discord.js";
import { afterEach, beforeEach } from "vitest";
import { createTestDatabase, type Provider, type TestDatabase } from "../../helpers/db.js";
import { until } from "../../helpers/poll.js";

export const APP = "4242000000000000001";
export const GUILD = "7000000000000000001";

export { eventually, until } from "../../helpers/poll.js";

/** The recorded calls matching, once there is at least one. */
export function callsSoon(fake: FakeDiscord, method: string, pattern: RegExp): Promise<RecordedCall[]> {
  return until(() => {
    const calls = fake.callsTo(method, pattern);
    return calls.length ? calls : undefined;
  }, `${method} ${pattern}`);
}

export interface Harness {
  fake: FakeDiscord;
  adapter: DiscordAdapter;
  events: InboundEvent[];
  stop(): Promise<void>;
}

export async function startHarness(
  database: TestDatabase,
  reply: (event: InboundEvent) => Promise<OutboundMessage[]> | OutboundMessage[],
  options: {
    env?: Record<string, string>;
    fake?: FakeDiscord;
    deferAfterMs?: number;
    log?: Logger;
    /** time limits and metrics of the adapter (fault tests) */
    adapter?: Pick<DiscordAdapterDeps, "restTimeoutMs" | "interactionTimeoutMs" | "interactionMaxWaitMs" | "metrics">;
  } = {},
): Promise<Harness> {
  // Far above any engine turn on a loaded CI machine: a test that wants the deferral sets a small value.
  const { env = {}, fake, deferAfterMs = 60_000, log = silentLogger } = options;
  const f = fake ?? (await new FakeDiscord({ applicationId: APP }).listen());
  const config = testConfig({ DISCORD_BOT_TOKEN: "fake-token", DISCORD_APPLICATION_ID: APP, DISCORD_API_URL: f.apiUrl, ...env });
  const adapter = new DiscordAdapter({ config, db: database.db, log, clock: new FakeClock(), deferAfterMs, ...options.adapter });
  const events: InboundEvent[] = [];
  const handler: EventHandler = async (event) => {
    events.push(event);
    return reply(event);
  };
  await adapter.start(handler);
  return {
    fake: f,
    adapter,
    events,
    stop: async () => {
      await adapter.stop();
      if (!fake) await f.close();
    },
  };
}

/** One test's Discord set-up: its database and the adapters it started. */
export interface HarnessPerTest {
  /** this test's fresh database (only inside a test) */
  database(): TestDatabase;
  /** a Discord adapter on this test's database; stopped after the test unless stopped before */
  start(reply: Parameters<typeof startHarness>[1], options?: Parameters<typeof startHarness>[2]): Promise<Harness>;
}

/**
 * For a describe block: a fresh database before each test; after it, every harness the test
 * started (and did not stop) is stopped and the database dropped.
 */
export function discordHarnessPerTest(provider: Provider): HarnessPerTest {
  let database: TestDatabase | undefined;
  const running = new Set<Harness>();
  beforeEach(async () => {
    database = await createTestDatabase(provider);
  });
  afterEach(async () => {
    for (const harness of [...running]) await harness.stop();
    await database?.destroy();
    database = undefined;
  });
  const current = () => {
    if (!database) throw new Error("discordHarnessPerTest: no database outside a test");
    return database;
  };
  return {
    database: current,
    start: async (reply, options) => {
      const started = await startHarness(current(), reply, options);
      // Stopped once: by the test, else after it.
      const harness: Harness = { ...started, stop: async () => void (running.delete(harness) && (await started.stop())) };
      running.add(harness);
      return harness;
    },
  };
}

export async function seedInfluencer(database: TestDatabase, userId: string, options: { chatId?: string; status?: string } = {}) {
  return database.db.influencer.create({
    data: {
      status: options.status ?? "active",
      displayName: "Ana",
      accounts: { create: { platform: "discord", externalId: userId, chatId: options.chatId ?? null } },
    },
    include: { accounts: true },
  });
}
