// Forms that could not be opened as a modal right away (the interaction was already deferred, or
// the event was a DM message, which cannot open a modal) wait behind an "Open the form" button.
// They are kept in the database (PendingForm), never only in memory: after a restart, or on
// another instance, the button still opens the same form. Short-lived: expired rows read as gone
// (the button answers "expired") and are purged now and then.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "../../src/db/client.js";
import type { FormSpec } from "../adapter.js";
import { INTERNAL_PREFIX } from "./render.js";

const PREFIX = `${INTERNAL_PREFIX}form:`;
const PURGE_EVERY = 100;

const formSchema = z.object({
  id: z.string(),
  title: z.string(),
  submitLabel: z.string(),
  state: z.string().optional(),
  fields: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      kind: z.enum(["text", "multiline", "select", "url"]),
      required: z.boolean(),
      initial: z.string().optional(),
      placeholder: z.string().optional(),
      error: z.string().optional(),
      minLength: z.number().int().optional(),
      maxLength: z.number().int().optional(),
      options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
    }),
  ),
});

export class FormCache {
  private puts = 0;

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
    private readonly ttlMs = 15 * 60_000,
  ) {}

  /** Stores the form for this conversation; returns the button custom_id that opens it. */
  async put(form: FormSpec, conversation: string): Promise<string> {
    const id = randomBytes(9).toString("base64url");
    const now = this.now();
    if (++this.puts % PURGE_EVERY === 0) await this.db.pendingForm.deleteMany({ where: { expiresAt: { lt: new Date(now) } } });
    await this.db.pendingForm.create({ data: { id, conversation, form: form as object, expiresAt: new Date(now + this.ttlMs) } });
    return `${PREFIX}${id}`;
  }

  static isFormButton(customId: string): boolean {
    return customId.startsWith(PREFIX);
  }

  async get(customId: string): Promise<FormSpec | undefined> {
    const row = await this.db.pendingForm.findUnique({ where: { id: customId.slice(PREFIX.length) } });
    if (!row || row.expiresAt.getTime() < this.now()) return undefined;
    const parsed = formSchema.safeParse(row.form);
    return parsed.success ? (parsed.data as FormSpec) : undefined;
  }
}
