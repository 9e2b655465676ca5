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
}
export type Manifest = Record<string, ManifestEntry>;

export function manifestOf(table: Record<string, Command>): Manifest {
  return Object.fromEntries(Object.entries(table).map(([name, c]) => [name, {
    usage: c.usage,
    ...(c.description ? { description: c.description } : {}),
    ...(c.examples ? { examples: c.examples } : {}),
    ...(c.extraOptions ? { extraOptions: c.extraOptions } : {}),
    ...(c.confirm ? { confirm: true as const } : {}),
  }]));
}

/** Entries whose run/confirm load the real table on first use. */
export function lazyTable(manifest: Manifest, load: () => Promise<Record<string, Command>>): Record<string, Command> {
  const real = async (name: string) => {
    const entry = (await load())[name];
    if (!entry) throw new Error(`advo: "${name}" is in the manifest but not in the command table (rebuild with npm run build)`);
    return entry;
  };
  return Object.fromEntries(Object.entries(manifest).map(([name, { confirm, ...m }]): [string, Command] => [name, {
    ...m,
    ...(confirm ? { confirm: async (deps, args, actor) => (await real(name)).confirm!(deps, args, actor) } : {}),
    run: async (deps, args, actor, locale) => (await real(name)).run(deps, args, actor, locale),
  }]));
}
