// Per-command latency of /help and /points through Telegram, end to end: the update is POSTed to
// the running app's webhook (startApp + Telegram component + engine, SQLite) and timed until the
// HTTP answer, which comes after the replies were sent to the fake Bot API. The baseline is a bare
// grammY bot on the same fake API and database doing the same reads and sending the same number of
// messages (bench/lib/telegram-rig.ts). Advo and the baseline take turns on every iteration, so a
// loaded machine slows both alike. Goals (issue #20): /points ≤ ×1.5, /help ≤ ×2.5 of the baseline p50.
// BENCH_ENGINE_ITERATIONS (default 500) changes the sample size; BENCH_ENGINE_SQL=1 also prints
// the statements of one warm command on each side.
import { cpus, loadavg } from "node:os";
import { commandUpdate, FIRST_USER, percentile, post, startTelegramRig } from "./lib/telegram-rig.js";
import { logSqliteStatements } from "./lib/statement-log.js";

const ITERATIONS = Number(process.env.BENCH_ENGINE_ITERATIONS ?? 500);
const GOALS: Record<string, number> = { help: 2.5, points: 1.5 };
const SHOW_SQL = process.env.BENCH_ENGINE_SQL === "1";

async function timed(url: string, command: string): Promise<number> {
  const t0 = performance.now();
  const status = await post(url, commandUpdate(FIRST_USER, command));
  if (status !== 200) throw new Error(`webhook answered ${status} to /${command}`);
  return performance.now() - t0;
}

export default async function benchEngine(): Promise<void> {
  const statements = logSqliteStatements(); // before the rig opens its database
  const rig = await startTelegramRig(1, 20);
  /** SQL statements one command costs (BEGIN/COMMIT included), from a warm state. */
  const statementsOf = async (url: string, command: string) => {
    statements.reset();
    await timed(url, command);
    if (SHOW_SQL) process.stdout.write(`${url === rig.advoUrl ? "Advo" : "bare grammY"} /${command}:\n${statements.statements.map((q) => `  ${q.replace(/\s+/g, " ").slice(0, 160)}\n`).join("")}`);
    return statements.statements.length;
  };
  try {
    const fmt = (x: number) => x.toFixed(2).padStart(7);
    process.stdout.write(`load average ${loadavg().map((l) => l.toFixed(1)).join(" ")} on ${cpus().length} cores\n`);
    process.stdout.write(`telegram webhook → reply, SQLite, ${ITERATIONS} iterations per command (one user, sequential, Advo and bare grammY alternating)\n`);
    for (const command of ["help", "points"]) {
      const advo: number[] = [];
      const bare: number[] = [];
      for (let i = 0; i < Math.min(50, ITERATIONS); i++) {
        await timed(rig.advoUrl, command); // warm-up
        await timed(rig.bareUrl, command);
      }
      const [advoStatements, bareStatements] = [await statementsOf(rig.advoUrl, command), await statementsOf(rig.bareUrl, command)];
      const sentBefore = rig.fake.messagesTo(FIRST_USER).length;
      await timed(rig.advoUrl, command);
      const advoMessages = rig.fake.messagesTo(FIRST_USER).length - sentBefore;
      await timed(rig.bareUrl, command);
      const bareMessages = rig.fake.messagesTo(FIRST_USER).length - sentBefore - advoMessages;
      for (let i = 0; i < ITERATIONS; i++) {
        if (i % 2) {
          advo.push(await timed(rig.advoUrl, command));
          bare.push(await timed(rig.bareUrl, command));
        } else {
          bare.push(await timed(rig.bareUrl, command));
          advo.push(await timed(rig.advoUrl, command));
        }
      }
      const [a50, a95, b50, b95] = [percentile(advo, 0.5), percentile(advo, 0.95), percentile(bare, 0.5), percentile(bare, 0.95)];
      const ratio = a50 / b50;
      process.stdout.write(
        `/${command.padEnd(7)} Advo p50 ${fmt(a50)} ms  p95 ${fmt(a95)} ms (${advoMessages} messages, ${advoStatements} SQL statements) | bare grammY p50 ${fmt(b50)} ms  p95 ${fmt(b95)} ms (${bareMessages} messages, ${bareStatements} SQL statements)` +
          ` | p50 ×${ratio.toFixed(2)}, p95 ×${(a95 / b95).toFixed(2)} (goal ≤ ×${GOALS[command]}: ${ratio <= GOALS[command]! ? "met" : "NOT met"})\n`,
      );
    }
  } finally {
    await rig.stop();
  }
}
