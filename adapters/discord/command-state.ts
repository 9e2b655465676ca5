// The hash of the last registered slash commands, kept in ProgramSetting so a restart with the
// same definitions skips the registration call. The one database write of the Discord adapter
// that is not a service call: a single key it alone owns.
import { z } from "zod";
import type { Db } from "../../src/db/client.js";

const KEY = "discord.commands";
const stateSchema = z.object({ hash: z.string() });
export type CommandState = z.infer<typeof stateSchema>;

export async function readCommandState(db: Db): Promise<CommandState | undefined> {
  const row = await db.programSetting.findUnique({ where: { key: KEY } });
  const parsed = stateSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : undefined;
}

export async function writeCommandState(db: Db, state: CommandState): Promise<void> {
  await db.programSetting.upsert({ where: { key: KEY }, create: { key: KEY, value: state }, update: { value: state } });
}
