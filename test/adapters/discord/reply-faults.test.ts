// A Discord DM reply the platform rate-limits (429, retry_after) is not dropped: it is queued in the
// outbox as `reply.deferred` under the event, and the reply after it follows it there in order.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textMessage } from "../../../src/engine/message.js";
import { directMessage } from "../../fakes/discord.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/db.js";
import { eventually, startHarness } from "./harness.js";

const DM = "5500000000000000077";

describe("discord DM replies under a 429", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
  });
  afterAll(async () => database.destroy());

  it("given Discord answering 429 to the DM reply then both replies are queued in the outbox in order", async () => {
    const h = await startHarness(database, () => [textMessage("first"), textMessage("second")]);
    try {
      h.fake.fail(DM, { kind: "rate_limited", retryAfter: 5, times: 10 });
      h.fake.dispatch("MESSAGE_CREATE", directMessage("8700000000000000077", { id: "3500000000000000077" }, DM, "hello"));
      const rows = await eventually(async () => {
        const r = await database.db.outboxMessage.findMany({ where: { purpose: "reply.deferred" }, orderBy: { id: "asc" } });
        return r.length >= 2 ? r : undefined;
      }, "deferred replies");
      expect(rows.map((r) => [r.platform, r.recipient, r.dedupeKey.endsWith(":0"), JSON.stringify(r.payload).includes(r.dedupeKey.endsWith(":0") ? "first" : "second")])).toEqual([
        ["discord", DM, true, true],
        ["discord", DM, false, true],
      ]);
    } finally {
      await h.stop();
    }
  });
});
