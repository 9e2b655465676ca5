// Invitation codes, from the manager's side: create (one or many), list with use counts, revoke.
// Each code comes with its join link per configured platform (see joinLinks).
import { randomInt } from "node:crypto";
import { z } from "zod";
import type { AppConfig } from "../config.js";
import { DAY } from "../clock.js";
import { err, ok, type Result } from "../result.js";
import { stringList } from "../domain/segment.js";
import { audit } from "./audit.js";
import { isUniqueViolation, type Deps } from "./deps.js";
import { requireManager, type Actor } from "./managers.js";

export const createInvitationsSchema = z.object({
  count: z.coerce.number().int().min(1).max(500).default(1),
  uses: z.coerce.number().int().min(1).max(1_000_000).default(1),
  /** days until the codes expire; none = never */
  days: z.coerce.number().int().min(1).max(3650).optional(),
  tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
  note: z.string().trim().max(200).optional(),
});
export type CreateInvitationsInput = z.input<typeof createInvitationsSchema>;

export interface JoinLink {
  platform: string;
  /** a URL (Telegram) or what to type (Discord, Slack, console) */
  link: string;
}

export interface InvitationView {
  code: string;
  maxUses: number;
  uses: number;
  expiresAt: Date | null;
  tags: string[];
  note: string | null;
  revoked: boolean;
  createdAt: Date;
  links: JoinLink[];
}

/**
 * How a person joins with a code on each platform:
 * - telegram: the deep link https://t.me/<TELEGRAM_BOT_USERNAME>?start=CODE (when the username is set)
 * - discord: the slash command `/join code:CODE` (when the Discord bot is configured)
 * - slack: a direct message to the bot `start CODE` (when the Slack bot is configured)
 * - console: `/start CODE` (always listed: it is also what Telegram users can type)
 */
export function joinLinks(config: AppConfig, code: string): JoinLink[] {
  const out: JoinLink[] = [];
  if (config.TELEGRAM_BOT_USERNAME) out.push({ platform: "telegram", link: `https://t.me/${config.TELEGRAM_BOT_USERNAME}?start=${code}` });
  if (config.DISCORD_BOT_TOKEN) out.push({ platform: "discord", link: `/join code:${code}` });
  if (config.SLACK_BOT_TOKEN) out.push({ platform: "slack", link: `start ${code}` });
  out.push({ platform: "console", link: `/start ${code}` });
  return out;
}

// No 0/O, 1/I/L: codes are read aloud and typed by hand.
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export function generateCode(length = 8): string {
  let s = "";
  for (let i = 0; i < length; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}

type InvitationRow = { code: string; maxUses: number; uses: number; expiresAt: Date | null; segmentTags: unknown; note: string | null; revokedAt: Date | null; createdAt: Date };

function view(config: AppConfig, row: InvitationRow): InvitationView {
  return {
    code: row.code,
    maxUses: row.maxUses,
    uses: row.uses,
    expiresAt: row.expiresAt,
    tags: stringList(row.segmentTags),
    note: row.note,
    revoked: row.revokedAt !== null,
    createdAt: row.createdAt,
    links: joinLinks(config, row.code),
  };
}

export async function createInvitations(deps: Deps, actor: Actor, input: CreateInvitationsInput): Promise<Result<InvitationView[]>> {
  const refused = await requireManager(deps, actor, "invitation.create");
  if (refused) return refused;
  const parsed = createInvitationsSchema.safeParse(input);
  if (!parsed.success) return err("manage.invite.invalid", { field: String(parsed.error.issues[0]?.path[0] ?? "") });
  const { count, uses, days, tags, note } = parsed.data;
  const expiresAt = days ? new Date(deps.clock.now().getTime() + days * DAY) : null;
  const created: InvitationView[] = [];
  for (let i = 0; i < count; i++) {
    for (let attempt = 0; ; attempt++) {
      try {
        const row = await deps.db.invitation.create({
          data: { code: generateCode(), maxUses: uses, expiresAt, segmentTags: tags, note: note ?? null, createdBy: actor },
        });
        created.push(view(deps.config, row));
        break;
      } catch (e) {
        if (!isUniqueViolation(e) || attempt >= 5) throw e; // a code collision: draw again
      }
    }
  }
  await audit(deps.db, { actor, action: "invitation.create", targetType: "invitation", targetId: created.map((c) => c.code).join(","), after: { uses, expiresAt, tags, note } });
  return ok(created);
}

export async function listInvitations(deps: Deps, actor: Actor, options: { includeRevoked?: boolean } = {}): Promise<Result<InvitationView[]>> {
  const refused = await requireManager(deps, actor, "invitation.list");
  if (refused) return refused;
  const rows = await deps.db.invitation.findMany({
    where: options.includeRevoked === false ? { revokedAt: null } : {},
    orderBy: { createdAt: "desc" },
    take: 500,
  });
  return ok(rows.map((r) => view(deps.config, r)));
}

export async function revokeInvitation(deps: Deps, actor: Actor, code: string): Promise<Result<InvitationView>> {
  const normalized = code.trim().toUpperCase();
  const refused = await requireManager(deps, actor, "invitation.revoke", { type: "invitation", id: normalized });
  if (refused) return refused;
  const row = await deps.db.invitation.findUnique({ where: { code: normalized } });
  if (!row) return err("manage.invite.not_found", { code: normalized });
  if (row.revokedAt) return err("manage.invite.already_revoked", { code: normalized });
  const updated = await deps.db.invitation.update({ where: { code: normalized }, data: { revokedAt: deps.clock.now() } });
  await audit(deps.db, { actor, action: "invitation.revoke", targetType: "invitation", targetId: normalized, before: { revokedAt: null }, after: { revokedAt: updated.revokedAt } });
  return ok(view(deps.config, updated));
}
