// Loads .env (if present) without overriding variables already set in the environment.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { config as loadDotenv } from "dotenv";
import { projectRoot } from "./db/provider.js";

export function loadEnvFile(): void {
  const path = resolve(process.cwd(), ".env");
  const fallback = resolve(projectRoot, ".env");
  const file = existsSync(path) ? path : existsSync(fallback) ? fallback : undefined;
  if (file) loadDotenv({ path: file, quiet: true });
}
