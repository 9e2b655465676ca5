// Several branches add migrations side by side; what matters is that the committed migrations,
// applied in order, give every column the generated client reads. Reading one row of every model
// selects all its scalar columns, so a column or table a migration forgot fails here by name.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "../../src/db/generated/sqlite/client.js";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";

const models = Object.values(Prisma.ModelName).map((name) => name.charAt(0).toLowerCase() + name.slice(1));

describe.each(testProviders())("migrations on %s", (provider) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
  });
  afterAll(async () => t?.destroy());

  it("given a database built only from the migrations then every column of every model can be read", async () => {
    const failures: string[] = [];
    for (const model of models) {
      const delegate = (t.db as unknown as Record<string, { findFirst: () => Promise<unknown> }>)[model];
      if (!delegate) {
        failures.push(`${model}: no client delegate`);
        continue;
      }
      await delegate.findFirst().catch((e: Error) => failures.push(`${model}: ${e.message.split("\n").slice(-2).join(" ")}`));
    }
    expect(failures).toEqual([]);
    expect(models.length).toBeGreaterThan(10);
  });
});
