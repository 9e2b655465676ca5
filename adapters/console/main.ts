// `npm run console`: talk to the bot in the terminal against the real database (DATABASE_URL,
// migrated here). Reads plain lines from stdin when it is not a terminal, so it can be scripted.
// Logs go to stderr so the chat on stdout stays readable. Outbox messages for console users are
// delivered here too (CONSOLE_DELIVERY_POLL_MS, default 1000, is how often it looks).
import { loadEnvFile } from "../../src/env.js";
import { parseConfig, ConfigError } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { systemClock } from "../../src/clock.js";
import { migrateDatabase } from "../../src/db/migrate.js";
import { openDatabase } from "../../src/db/client.js";
import { createEngine } from "../../src/engine/engine.js";
import { Dispatcher } from "../../src/delivery/dispatcher.js";
import { ConsoleAdapter } from "./transport.js";

loadEnvFile();
let config;
try {
  config = parseConfig(process.env);
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`Advo cannot start: ${err.message}\n`);
    process.exit(1);
  }
  throw err;
}
const log = createLogger(config.LOG_LEVEL, process.stderr);
await migrateDatabase(config.DATABASE_URL);
const database = await openDatabase(config.DATABASE_URL);
const engine = createEngine({ db: database.db, clock: systemClock, log, config });
const tty = Boolean(process.stdin.isTTY);
const adapter = new ConsoleAdapter({
  input: process.stdin,
  output: process.stdout,
  prompt: tty,
  user: process.env.CONSOLE_USER ?? "you",
  ...(process.env.CONSOLE_LOCALE ? { locale: process.env.CONSOLE_LOCALE } : {}),
});
// The console is also where its users' outbox messages arrive (verification results,
// announcements, reminders, notices): a dispatcher for the console platform prints each one as it
// is delivered, so `npm run job -- <name>` in another terminal shows its effect here.
const dispatcher = new Dispatcher({ db: database.db, provider: database.provider, clock: systemClock, log, config }, [adapter], {
  idleMs: Number(process.env.CONSOLE_DELIVERY_POLL_MS ?? 1000),
});
dispatcher.start();
await adapter.start(engine.handle);
await adapter.done();
// End of input (a script): what is already due is still printed before leaving.
await dispatcher.stop();
await new Dispatcher({ db: database.db, provider: database.provider, clock: systemClock, log, config }, [adapter]).drain();
await database.close();
