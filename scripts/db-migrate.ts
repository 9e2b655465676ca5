// npm run db:migrate: applies committed migrations to DATABASE_URL (also done at every start).
import { boot } from "../src/boot.js";
import { migrateDatabase } from "../src/db/migrate.js";
import { maskUrl } from "../src/logger.js";

const { config, log } = boot();
try {
  const applied = await migrateDatabase(config.DATABASE_URL);
  log.info({ database: maskUrl(config.DATABASE_URL), applied }, applied.length ? "migrations applied" : "database already up to date");
} catch (err) {
  log.fatal({ err }, "migration failed");
  process.exit(1);
}
