// Real child processes for tests: the bot, the CLI, a job runner — with their combined output and
// exit, and a poll that waits on a condition (never on a fixed delay).
import { execFile, spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { tmpdir } from "node:os";

export interface Program {
  child: ChildProcessWithoutNullStreams;
  /** stdout + stderr so far */
  output(): string;
  /** exit code, or null when ended by a signal */
  closed: Promise<number | null>;
}

export function spawnProgram(command: string, args: string[], options: { cwd: string; env?: Record<string, string> }): Program {
  const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ["pipe", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
  return { child, output: () => out, closed };
}

export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 90_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The port from the bot's JSON log line "http server listening" (PORT=0 picks a free one). */
export function listeningPort(output: string): number | undefined {
  const m = /"port":(\d+)[^\n]*http server listening/.exec(output);
  return m ? Number(m[1]) : undefined;
}

const ADVO_BIN = new URL("../../bin/advo.js", import.meta.url).pathname;

/** The real operator CLI (bin/advo.js) in a child process against `url`, run from a temp directory. */
export function runAdvo(url: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [ADVO_BIN, ...args], { env: { ...process.env, DATABASE_URL: url, NODE_ENV: "test", LOG_LEVEL: "silent", MANAGERS: "", ...env }, cwd: tmpdir() }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}
