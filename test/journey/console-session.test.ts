// The "done when" session, scripted through the real console program (`npm run console` runs
// adapters/console/main.ts): invitation → join → onboarding in Spanish → missions → accept →
// submit → pending; a service call approves it; a second session sees the points and redeems.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabaseUrl } from "../helpers/db.js";
import { testDeps } from "../helpers/deps.js";
import { openDatabase, type Database } from "../../src/db/client.js";
import { DAY, FakeClock } from "../../src/clock.js";
import { awardForSubmission } from "../../src/services/points.js";
import type { Deps } from "../../src/services/deps.js";
import { seedInvitation, seedMission, seedReward } from "../engine/seed.js";

const root = join(import.meta.dirname, "../..");

function runConsole(url: string, lines: string[]): Promise<{ out: string; err: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(root, "node_modules/.bin/tsx"), ["adapters/console/main.ts"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: "warn", CONSOLE_USER: "sofia", CONSOLE_LOCALE: "es-ES", BRAND_NAME: "Lumen" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ out, err, code }));
    child.stdin.end(lines.map((l) => `${l}\n`).join(""));
  });
}

describe("scripted console session (sqlite)", () => {
  let database: Database;
  let url: string;
  let deps: Deps;
  // The console process migrates the database at start: the test's own connection is closed
  // while it runs (the migration wants the SQLite file to itself) and reopened to check results.
  const open = async () => {
    database = await openDatabase(url);
    deps = testDeps({ ...database, url, destroy: async () => {} }, {}, new FakeClock(new Date()));
  };
  const session = async (lines: string[]) => {
    await database.close();
    const r = await runConsole(url, lines);
    await open();
    return r;
  };
  beforeAll(async () => {
    url = (await createTestDatabaseUrl("sqlite")).url;
    await open();
    await seedInvitation(deps, "BIENVENIDA", { maxUses: 10 });
    await seedMission(deps, { title: "Verano en la playa", networks: ["instagram"], points: 150, deadline: new Date(Date.now() + 10 * DAY) });
    await seedReward(deps, { name: "Bolso", cost: 100, stock: 5 });
  });
  afterAll(() => database.close());

  it("given an invitation then a newcomer walks join → Spanish onboarding → mission → submission → approved points → redemption", async () => {
    const first = await session([
      "/start BIENVENIDA",
      "1", // Acepto
      "2", // Español
      "1", // Instagram
      "@sofia.viajes",
      "8", // Listo
      "1", // España
      "4", // Viajes
      "1", // Moda
      "9", // Listo
      "1", // Confirmar
      "/missions",
      "1", // the mission
      "1", // Aceptar
      "1", // Enviar mi enlace
      "https://www.instagram.com/p/CxYz123abc/",
    ]);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toContain("¡Te damos la bienvenida a Lumen!");
    expect(first.out).toContain("#ad");
    expect(first.out).toContain("Añadida: Instagram @sofia.viajes");
    expect(first.out).toMatch(/Intereses: (Moda, Viajes|Viajes, Moda)/);
    expect(first.out).toContain("¡Ya estás dentro!");
    expect(first.out).toContain("[1] Verano en la playa · 150 pts");
    expect(first.out).toContain("Has aceptado *Verano en la playa*");
    expect(first.out).toContain("pendiente de verificación");

    const submission = await database.db.submission.findFirstOrThrow({ include: { influencer: true } });
    expect(submission).toMatchObject({ status: "pending", url: "https://www.instagram.com/p/CxYz123abc/" });
    expect(submission.influencer).toMatchObject({ status: "active", region: "es" });
    // The first message is already in the platform's language (issue 17): nobody has to pick it,
    // so the reading language is the platform's "es" unless they chose another.
    expect(submission.influencer.locale ?? submission.influencer.platformLocale).toBe("es");

    expect((await awardForSubmission(deps, submission.id)).awarded).toBe(true);

    const second = await session(["/points", "/rewards", "1", "1"]);
    expect(second.code, second.err).toBe(0);
    // the cycle's end reads like Telegram's, with how far it is: "(2026-Q4, hasta 31 dic …, 18:00 GMT-6 (dentro de 24 días))"
    expect(second.out).toMatch(/Este ciclo \([^()]+ \([^()]+\)\): 150/);
    // a history line's date is its day alone, without a hint
    expect(second.out).toMatch(/• \+150 puntos · misión · .+ · \d+ \S+ \d{4}\n/);
    expect(second.out).toContain("*Bolso* — 100 puntos · quedan 5");
    expect(second.out).toContain("¿Canjear *Bolso* por 100 puntos?");
    expect(second.out).toContain("Puntos restantes: 50");
    const redemption = await database.db.redemption.findFirstOrThrow();
    expect(redemption).toMatchObject({ status: "pending", cost: 100, influencerId: submission.influencerId });
  }, 180_000);
});
