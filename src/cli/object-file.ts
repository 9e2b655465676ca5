// Reads a JSON or YAML file holding one object (a mission, a reward), as the CLI's --file.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { extname } from "node:path";
import type { parse } from "yaml";
import { err, ok, type Result } from "../result.js";

/** yaml is loaded only when a YAML file is read: its import costs ≈ 0.3 s of every command's start-up (issue 18). */
const parseYaml = (text: string): unknown => (createRequire(import.meta.url)("yaml") as { parse: typeof parse }).parse(text);

export function readObjectFile(path: string): Result<Record<string, unknown>> {
  if (!existsSync(path)) return err("manage.cli.file_not_found", { path });
  let doc: unknown;
  try {
    const text = readFileSync(path, "utf8");
    doc = extname(path) === ".json" ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    return err("manage.cli.file_unreadable", { path, reason: (e as Error).message.split("\n")[0] ?? "" });
  }
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) return err("manage.cli.file_unreadable", { path, reason: "expected an object" });
  return ok(doc as Record<string, unknown>);
}
