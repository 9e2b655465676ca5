// Reads a JSON or YAML file holding one object (a mission, a reward), as the CLI's --file.
import { existsSync, readFileSync } from "node:fs";
import { extname } from "node:path";
import { parse as parseYaml } from "yaml";
import { err, ok, type Result } from "../result.js";

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
