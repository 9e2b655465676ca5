// Starting an export: admins only (exports carry personal data; the role table lists no
// "export.*" action for viewers or reviewers), audited with the filter used, then streamed.
import type { Readable } from "node:stream";
import { ok, type Result } from "../result.js";
import { audit } from "../services/audit.js";
import type { Deps } from "../services/deps.js";
import { requireManager, type Actor } from "../services/managers.js";
import { csvStream, type CsvOptions } from "./csv.js";
import { exportSource, type ExportFilter, type ExportKind } from "./sources.js";

export async function startExport(deps: Pick<Deps, "db" | "config">, actor: Actor, kind: ExportKind, filter: ExportFilter & CsvOptions = {}): Promise<Result<Readable>> {
  const refused = await requireManager(deps, actor, `export.${kind}`, { type: "export", id: kind });
  if (refused) return refused;
  const source = exportSource(deps.db, kind, filter);
  await audit(deps.db, { actor, action: `export.${kind}`, targetType: "export", targetId: kind, ...(filter.where ? { after: { where: filter.where } } : filter.directory ? { after: { directory: filter.directory } } : {}) });
  return ok(csvStream(source.header, source.rows, { bom: filter.bom }));
}
