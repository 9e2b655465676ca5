// Console answers in the manager's language and the confirmation threshold as a command (issue 15),
// end to end through the real Bolt app: `/advo settings confirm-above` (admins only, audited, the
// same entry as `advo settings confirm-above` on the CLI), `/advo translations` and `/advo stats`
// for a manager whose Slack is in Spanish.
import { describe, expect, it } from "vitest";
import { parseArgs } from "../../../src/cli/args.js";
import { COMMANDS } from "../../../src/cli/commands.js";
import { confirmAbove } from "../../../src/services/confirmations.js";
import { testProviders } from "../../helpers/db.js";
import { seedMission } from "../../engine/seed.js";
import { commandAnswers, slackAppPerSuite } from "./slack-app.js";

describe.each(testProviders())("slack console settings and languages on %s", (provider) => {
  const harness = slackAppPerSuite(provider, {
    env: () => ({ SLACK_MANAGER_CHANNEL: "CMANAGERS" }),
    prepare: (slack) => {
      slack.members = ["UADMIN", "UREVIEWER", "UBOT"];
      slack.userLocales.set("UREVIEWER", "es-ES");
      slack.userLocales.set("UADMIN", "es-ES");
    },
  });
  const answer = commandAnswers(harness, "UADMIN", "settings");

  it("given an admin then /advo settings confirm-above shows and sets the threshold, audited; a reviewer is refused and a bad value is explained in the manager's language", async () => {
    const db = harness.app.database.db;
    await db.manager.update({ where: { platform_externalId: { platform: "slack", externalId: "UREVIEWER" } }, data: { role: "reviewer" } });
    expect(await answer("settings confirm-above")).toContain("Los ajustes de más de 1000 puntos piden confirmación antes.");
    expect(await answer("settings confirm-above 2,500")).toContain("ahora confirmación antes (antes era 1000)");
    expect(await confirmAbove(db)).toBe(2500);
    expect(await db.auditLog.findFirst({ where: { action: "settings.confirm_above", outcome: "ok" } })).toMatchObject({ actor: "slack:UADMIN", before: { value: 1000 }, after: { value: 2500 } });

    expect(await answer("settings confirm-above lots")).toContain("«lots» no es un número de puntos");
    expect(await answer("settings confirm-above -5")).toContain("no es un número de puntos");
    expect(await answer("settings confirm-above 0", "UREVIEWER")).not.toContain("Hecho");
    expect(await confirmAbove(db)).toBe(2500);
    expect(await db.auditLog.count({ where: { action: "settings.confirm_above", actor: "slack:UREVIEWER", outcome: "refused" } })).toBe(1);
    // /advo help shows it to the admin only
    expect(await answer("help")).toContain("/advo settings confirm-above 2000");
    expect(await answer("help", "UREVIEWER")).not.toContain("settings confirm-above");

    // The CLI's entry is the same one, answering in the program's language.
    const cli = await COMMANDS["settings confirm-above"]!.run(harness.app.deps, parseArgs(["settings", "confirm-above", "3000"]), "operator");
    expect(cli).toMatchObject({ ok: true, value: { data: { confirmAbove: 3000, before: 2500 }, text: "Done: adjustments above 3,000 points now ask for a confirmation first (it was 2,500)." } });
  });

  it("given a manager whose Slack is in Spanish then /advo translations and /advo stats answer in Spanish, with mission statuses as words", async () => {
    await seedMission(harness.app.deps, { title: "Lanzamiento" });
    const translations = await answer("translations");
    expect(translations).toContain("Idiomas que leen tus influencers");
    const stats = await answer("stats");
    expect(stats).toContain("Lanzamiento [publicada]");
    expect(stats).not.toContain("[published]");
  });
});
