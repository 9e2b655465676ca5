// What a command's usage line declares, read from the line itself, so that every entry of the
// COMMANDS table (src/cli/commands*.ts) gets its arguments and options in the CLI without more
// metadata: `mission list [--status draft|scheduled]` → an option --status with two choices;
// `invite revoke CODE` → a required argument; `[--force]` → a boolean flag. Text after "  #" or
// "  (" is a note shown in help.
export interface ArgSpec {
  name: string;
  required: boolean;
  choices?: string[];
}
export interface OptionSpec {
  /** without the leading dashes */
  long: string;
  /** placeholder for a value, undefined for a boolean flag */
  value?: string;
  choices?: string[];
}
export interface UsageSpec {
  args: ArgSpec[];
  options: OptionSpec[];
  note?: string;
}

/** Options every command has (declared once on the program). */
export const GLOBAL_OPTIONS = new Set(["json", "tz", "help", "version"]);

const CHOICES = /^[a-z][a-z0-9_-]*(\|[a-z][a-z0-9_-]*)+$/;

function placeholder(token: string): string {
  if (token.includes(",")) return "list";
  if (token.includes("|")) return "value";
  return token;
}

/** `words`: how many leading words name the command (the table key's). */
export function parseUsage(usage: string, words: number): UsageSpec {
  const cut = /\s{2,}[#(]/.exec(usage);
  const spec = cut ? usage.slice(0, cut.index) : usage;
  const note = cut ? usage.slice(cut.index).trim().replace(/^#\s*/, "") : undefined;
  const tokens = (spec.match(/\[|\]|[^\s[\]]+/g) ?? []).slice(words);
  const args: ArgSpec[] = [];
  const options: OptionSpec[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t === "[") depth++;
    else if (t === "]") depth--;
    else if (t === "|") continue;
    else if (t.startsWith("-")) {
      const long = t.replace(/^-+/, "");
      const next = tokens[i + 1];
      const takesValue = next !== undefined && !["[", "]", "|"].includes(next) && !next.startsWith("-");
      if (takesValue) i++;
      if (GLOBAL_OPTIONS.has(long) || options.some((o) => o.long === long)) continue;
      options.push({ long, ...(takesValue ? { value: placeholder(next), ...(CHOICES.test(next) ? { choices: next.split("|") } : {}) } : {}) });
    } else {
      const choices = CHOICES.test(t) ? t.split("|") : undefined;
      args.push({ name: choices ? "value" : t, required: depth === 0, ...(choices ? { choices } : {}) });
    }
  }
  return { args, options, ...(note ? { note } : {}) };
}
