// The command table without its code: what `advo --help`, each command's help and the argument
// checks need (usage, description, examples, options). `npm run build` writes it next to the
// compiled CLI (dist/src/cli/manifest.json) from the real table, so the built CLI can parse and
// answer help without importing the services, Prisma or the i18n catalogs; a command's code is
// imported only when it runs. Entries added to the table are in the manifest after the next build.
import type { Command } from "./commands.js";

export interface ManifestEntry {
  usage: string;
  description?: string;
  examples?: string[];
  extraOptions?: string[];
  confirm?: true;
  /**
   * the compiled module (beside main.js) whose exported table holds this very entry: running the
   * command imports only that module, not the whole table (start-up, issue 18)
   */
  module?: string;
}
export type Manifest = Record<string, ManifestEntry>;

/** Loads the real table: the whole one, or only what `module` exports when the manifest names it. */
export type TableLoader = (module?: string) => Promise<Record<string, Command>>;

export function manifestOf(table: Record<string, Command>, moduleOf: Record<string, string> = {}): Manifest {
  return Object.fromEntries(Object.entries(table).map(([name, c]) => [name, {
    usage: c.usage,
    ...(moduleOf[name] ? { module: moduleOf[name] } : {}),
    ...(c.description ? { description: c.description } : {}),
    ...(c.examples ? { examples: c.examples } : {}),
    ...(c.extraOptions ? { extraOptions: c.extraOptions } : {}),
    ...(c.confirm ? { confirm: true as const } : {}),
  }]));
}

/** The command entries a module exports (its `…_COMMANDS` tables), by name. */
export function entriesOf(mod: Record<string, unknown>): Record<string, Command> {
  const out: Record<string, Command> = {};
  for (const value of Object.values(mod)) {
    if (!value || typeof value !== "object") continue;
    for (const [name, entry] of Object.entries(value as Record<string, unknown>)) {
      if (entry && typeof entry === "object" && typeof (entry as Command).run === "function" && typeof (entry as Command).usage === "string") out[name] = entry as Command;
    }
  }
  return out;
}

/** Entries whose run/confirm load the real entry (its own module, else the whole table) on first use. */
export function lazyTable(manifest: Manifest, load: TableLoader): Record<string, Command> {
  const real = async (name: string) => {
    const entry = (await load(manifest[name]?.module))[name];
    if (!entry) throw new Error(`advo: "${name}" is in the manifest but not in the command table (rebuild with npm run build)`);
    return entry;
  };
  return Object.fromEntries(Object.entries(manifest).map(([name, { confirm, module: _module, ...m }]): [string, Command] => [name, {
    ...m,
    ...(confirm ? { confirm: async (deps, args, actor) => (await real(name)).confirm!(deps, args, actor) } : {}),
    run: async (deps, args, actor, locale) => (await real(name)).run(deps, args, actor, locale),
  }]));
}
