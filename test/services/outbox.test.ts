// Enqueueing is idempotent per dedupe key: across calls, and within one batch.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";
import { enqueue, type OutboxItem } from "../../src/services/outbox.js";

const item = (key: string, recipient = "42"): OutboxItem => ({
  platform: "telegram", recipient, purpose: "test", batchKey: "b", dedupeKey: key, payload: { kind: "i18n", messageId: "core.error.generic" },
});

describe.each(testProviders())("outbox enqueue on %s", (provider) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
  });
  afterAll(async () => t?.destroy());

  it("given the same keys twice, and a key repeated inside one batch, then each key is stored once", async () => {
    const now = new Date("2026-05-01T10:00:00Z");
    expect(await enqueue(t.db, [item("a"), item("b"), item("a", "other")], now)).toBe(2);
    expect(await enqueue(t.db, [item("a"), item("b"), item("c")], now)).toBe(1);
    const rows = await t.db.outboxMessage.findMany({ orderBy: { dedupeKey: "asc" } });
    expect(rows.map((r) => [r.dedupeKey, r.recipient, r.status])).toEqual([["a", "42", "queued"], ["b", "42", "queued"], ["c", "42", "queued"]]);
    expect(rows[0]!.notBefore.toISOString()).toBe(now.toISOString());
    expect(rows[0]!.payload).toEqual({ kind: "i18n", messageId: "core.error.generic" });
  });
});
