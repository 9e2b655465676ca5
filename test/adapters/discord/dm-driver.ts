// One person talking to the bot on Discord, for the end-to-end suites: slash commands, typed DM
// text and clicks on the bot's live buttons, each dispatched through the fake's gateway to the real
// discord.js Client and awaited until the adapter has handled it; returns what the bot posted.
import { buttonPress, directMessage, slashCommand, type RecordedCall, type StoredDiscordMessage, type UserSpec } from "../../fakes/discord.js";
import { APP, until, type Harness } from "./harness.js";

export interface Posted {
  content: string;
  ids: string[];
}

/** What the bot posted (interaction responses, edits, follow-ups, channel messages), in order. */
export function posted(calls: RecordedCall[]): Posted[] {
  return calls.flatMap((c) => {
    const body = c.body as { type?: number; data?: unknown; content?: string; components?: unknown } | undefined;
    if (!body) return [];
    const m = (c.path.endsWith("/callback") ? body.data : body) as { content?: string; components?: { components: { custom_id?: string }[] }[] } | undefined;
    if (!m || typeof m.content !== "string") return [];
    return [{ content: m.content, ids: (m.components ?? []).flatMap((r) => r.components.map((b) => b.custom_id ?? "")) }];
  });
}

/** Discord markdown with the renderer's backslash escapes (`\#ad`, `\@name`) undone, for reading. */
export const unescaped = (text: string) => text.replace(/\\([^\sA-Za-z0-9])/g, "$1");
/** What the bot posted, as one text. */
export const contents = (out: Posted[]) => unescaped(out.map((p) => p.content).join("\n"));

export function dmDriver(h: Harness, user: UserSpec) {
  const fake = h.fake;
  const dm = fake.dmChannelFor(user.id);
  /** Dispatches and waits until the adapter has fully handled it. */
  const act = async (dispatch: () => void): Promise<Posted[]> => {
    const before = fake.calls.length;
    dispatch();
    await until(() => fake.calls.length > before, "a response");
    await h.adapter.idle();
    return posted(fake.calls.slice(before));
  };
  /** The newest live button whose custom_id (without its step version) starts with `prefix`. */
  const find = (prefix: string) => {
    for (const message of fake.liveButtons(dm).reverse()) {
      const id = message.components.flatMap((r) => r.components).find((c) => c.custom_id?.replace(/!\d+(?=:|$)/, "").startsWith(prefix))?.custom_id;
      if (id) return { id, message };
    }
    throw new Error(`no live ${prefix} button in ${JSON.stringify(fake.liveButtons(dm).map((m) => m.components))}`);
  };
  /** a click on a button with this custom_id; without `message`, as if on a message the fake never stored */
  const click = (b: { id: string; message?: StoredDiscordMessage }) =>
    act(() => fake.dispatch("INTERACTION_CREATE", buttonPress(APP, fake.snowflake(), user, { channelId: dm }, b.id, b.message)));
  return {
    dm,
    find,
    click,
    /** a slash command, in the DM unless `where` says a guild channel */
    command: (name: string, options: { name: string; value: string }[] = [], where: { channelId: string; guildId?: string } = { channelId: dm }) =>
      act(() => fake.dispatch("INTERACTION_CREATE", slashCommand(APP, fake.snowflake(), user, where, name, options))),
    /** clicks the newest live button starting with `prefix` */
    press: (prefix: string) => click(find(prefix)),
    type: (text: string) => act(() => fake.dispatch("MESSAGE_CREATE", directMessage(fake.snowflake(), user, dm, text))),
    /** every message the bot posted in the DM channel (direct replies and outbox notices) */
    received: () => unescaped([...fake.messages.values()].filter((m) => m.channelId === dm).map((m) => m.content).join("\n")),
  };
}
