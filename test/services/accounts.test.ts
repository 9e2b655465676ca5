// rememberChat writes only when the chat may have changed (a bounded per-client cache), and a
// mark as unreachable is always cleared by the person's next message.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";
import { markUnreachable, rememberChat } from "../../src/services/accounts.js";

describe.each(testProviders())("rememberChat on %s", (provider) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
  });
  afterAll(async () => t?.destroy());

  it("given the same chat again then nothing is written; a new chat or an unreachable mark is written at once", async () => {
    const inf = await t.db.influencer.create({ data: { status: "active" } });
    const account = () => t.db.platformAccount.findUniqueOrThrow({ where: { platform_externalId: { platform: "telegram", externalId: "42" } } });
    await rememberChat(t.db, "telegram", "42", "c1"); // no account yet: nothing to remember
    await t.db.platformAccount.create({ data: { influencerId: inf.id, platform: "telegram", externalId: "42", updatedAt: new Date("2026-01-01Z") } });
    await rememberChat(t.db, "telegram", "42", "c1");
    const first = await account();
    expect(first.chatId).toBe("c1");

    await t.db.platformAccount.update({ where: { id: first.id }, data: { updatedAt: new Date("2026-01-02Z") } });
    await rememberChat(t.db, "telegram", "42", "c1");
    expect((await account()).updatedAt.toISOString()).toBe("2026-01-02T00:00:00.000Z"); // skipped: same chat

    await markUnreachable(t.db, "telegram", "c1", "blocked", new Date());
    expect((await account()).unreachableAt).not.toBeNull();
    await rememberChat(t.db, "telegram", "42", "c1");
    expect((await account()).unreachableAt).toBeNull();

    await rememberChat(t.db, "telegram", "42", "c2");
    expect((await account()).chatId).toBe("c2");
  });
});
