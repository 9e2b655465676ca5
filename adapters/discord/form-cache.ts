// Forms that could not be opened as a modal right away (the interaction was already deferred, or
// the event was a DM message, which cannot open a modal) wait here behind an "Open the form"
// button. In memory, bounded and short-lived: after a restart the button answers "expired" and
// the user starts the step again (the conversation state itself is in the database).
import { randomBytes } from "node:crypto";
import type { FormSpec } from "../adapter.js";
import { INTERNAL_PREFIX } from "./render.js";

const PREFIX = `${INTERNAL_PREFIX}form:`;

export class FormCache {
  private entries = new Map<string, { form: FormSpec; expiresAt: number }>();

  constructor(
    private readonly now: () => number,
    private readonly ttlMs = 15 * 60_000,
    private readonly maxEntries = 5000,
  ) {}

  /** Stores the form; returns the button custom_id that opens it. */
  put(form: FormSpec): string {
    const key = randomBytes(9).toString("base64url");
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { form, expiresAt: this.now() + this.ttlMs });
    return `${PREFIX}${key}`;
  }

  static isFormButton(customId: string): boolean {
    return customId.startsWith(PREFIX);
  }

  get(customId: string): FormSpec | undefined {
    const key = customId.slice(PREFIX.length);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt < this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.form;
  }
}
