// Naming a manager in a message (issue 15): the engine knows a person acting as an actor id
// (`slack:U…`); a platform that can mention people shows that id as a mention (`<@U…>` on Slack)
// instead of the raw id. The id travels between two invisible separators (U+2063) so that only ids
// the engine put there become mentions — an id typed by someone stays text — and every renderer
// drops the separators.
export const MENTION_MARK = "\u2063";

/** The actor, marked for the renderer when it is a platform user (`operator`, `system` stay as they are). */
export function actorMention(actor: string): string {
  return /^(slack|discord|telegram):[A-Za-z0-9_-]{1,64}$/.test(actor) ? `${MENTION_MARK}${actor}${MENTION_MARK}` : actor;
}

const MARKED = new RegExp(`${MENTION_MARK}([a-z]+):([A-Za-z0-9_-]{1,64})${MENTION_MARK}`, "g");

/** Replaces marked actors with `mention(platform, id)` (its own markup, already safe) or their plain id. */
export function renderMentions(text: string, mention: (platform: string, id: string) => string | undefined): string {
  if (!text.includes(MENTION_MARK)) return text;
  return text.replace(MARKED, (_all, platform: string, id: string) => mention(platform, id) ?? `${platform}:${id}`).split(MENTION_MARK).join("");
}

/** The text with marked actors as their plain ids: for renderers and plain text that show no mentions. */
export function withoutMentionMarks(text: string): string {
  return text.includes(MENTION_MARK) ? text.split(MENTION_MARK).join("") : text;
}
