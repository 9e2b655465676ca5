// Shared set-up for dispatcher tests: a dispatcher on a test database with a virtual timer, and a
// drain that advances the fake clock to the next due row until nothing is left to send.
import { type FakeClock } from "../../src/clock.js";
import { testConfig } from "../../src/config.js";
import { Dispatcher, addCounts, type DispatchCounts, type DispatcherOptions } from "../../src/delivery/dispatcher.js";
import type { MessageSender } from "../../src/delivery/port.js";
import { VirtualTimer } from "../../src/delivery/timer.js";
import { silentLogger, type Logger } from "../../src/logger.js";
import type { TestDatabase } from "../helpers/db.js";
import type { AppCore } from "../../src/app.js";
import { createDispatcher } from "../../src/delivery/component.js";

export function testDispatcher(database: TestDatabase, clock: FakeClock, senders: MessageSender[], options: DispatcherOptions = {}, env: Record<string, string> = {}, log: Logger = silentLogger): Dispatcher {
  return new Dispatcher(
    { db: database.db, provider: database.provider, clock, log, config: testConfig(env) },
    senders,
    { timer: new VirtualTimer(clock), maxInFlight: 1, ...options },
  );
}

/**
 * The outbox dispatcher of a running app (end-to-end suites) with a virtual timer. A FakeClock
 * never moves by itself, so with the real timer a second message to one chat (paced 1/s) would
 * wait for ever; the virtual timer moves the fake clock instead.
 */
export function appDispatcher(app: AppCore, clock: FakeClock, senders: MessageSender[], options: DispatcherOptions = {}): Dispatcher {
  return createDispatcher(app, senders, { timer: new VirtualTimer(clock), maxInFlight: 1, ...options });
}

/** Drains, then jumps the clock to the next queued row's notBefore, until no queued row is left. */
export async function drainAll(database: Pick<TestDatabase, "db">, clock: FakeClock, dispatcher: Dispatcher, maxRounds = 100): Promise<DispatchCounts> {
  let total: DispatchCounts = { claimed: 0, sent: 0, retried: 0, failed: 0, unreachable: 0, cancelled: 0 };
  for (let round = 0; round < maxRounds; round++) {
    total = addCounts(total, await dispatcher.drain());
    const next = await database.db.outboxMessage.findFirst({ where: { status: "queued" }, orderBy: { notBefore: "asc" } });
    if (!next) return total;
    if (next.notBefore > clock.now()) clock.set(next.notBefore);
  }
  throw new Error("outbox did not drain");
}
