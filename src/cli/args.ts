// A tiny argv parser for the operator CLI: positionals, `--flag`, `--key value`, `--key=value`.
export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string | true>;
}

/** Flags that never take a value (so `--json ID` keeps ID positional). */
const BOOLEAN_FLAGS = new Set(["json", "force", "yes", "help", "reset", "all", "csv", "bom"]);

export function parseArgs(argv: string[]): ParsedArgs {
  const positionals: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith("--") && a.length > 2) {
      const eq = a.indexOf("=");
      if (eq > 0) flags[a.slice(2, eq)] = a.slice(eq + 1);
      else {
        const name = a.slice(2);
        const next = argv[i + 1];
        if (!BOOLEAN_FLAGS.has(name) && next !== undefined && !(next.startsWith("--") && next.length > 2)) {
          flags[name] = next;
          i++;
        } else flags[name] = true;
      }
    } else positionals.push(a);
  }
  return { positionals, flags };
}

export function flag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags[name];
  return typeof v === "string" ? v : undefined;
}

export function csv(value: string | undefined): string[] {
  return value ? value.split(",").map((s) => s.trim()).filter(Boolean) : [];
}
