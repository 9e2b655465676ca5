import { parseConfig, testConfig } from "./src/config.ts";
console.log(testConfig().PUBLIC_URL, testConfig().MANAGERS);
try { parseConfig({ PORT: "abc", DATABASE_URL: "mysql://x", MANAGERS: "bob", TELEGRAM_BOT_TOKEN:"x", TELEGRAM_MODE:"webhook" }) } catch (e) { console.log(e.message) }
